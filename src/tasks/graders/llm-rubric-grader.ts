import { parseJudgeRating } from '../../scoring/mtbench/parse-judge-rating.ts';
import type { GenerateRequest } from '../../spec/index.ts';
import type { Verdict } from './text-graders.ts';

export interface RubricScale {
  readonly min: number;
  readonly max: number;
}

export const DEFAULT_RUBRIC_SCALE: RubricScale = { min: 1, max: 10 };

/**
 * The judge's request: MT-Bench's single-answer grading shape (FastChat `judge_prompts.jsonl`, "single-v1":
 * an impartial judge, an explanation first, then the rating strictly as `[[rating]]`), with the task's rubric
 * in place of the fixed criteria and the task's scale. Temperature 0, as FastChat judges.
 */
export function rubricJudgeRequest(options: {
  rubric: string;
  scale: RubricScale;
  input: string;
  response: string;
}): GenerateRequest {
  const { min, max } = options.scale;
  return {
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      {
        role: 'user',
        content:
          `[Instruction]\nPlease act as an impartial judge and evaluate the response provided by an AI assistant to the input displayed below against this rubric:\n${options.rubric}\n` +
          `Begin your evaluation by providing a short explanation. Be as objective as possible. After providing your explanation, you must rate the response on a scale of ${min} to ${max} by strictly following this format: "[[rating]]", for example: "Rating: [[${max}]]".\n\n` +
          `[Input]\n${options.input}\n\n[The Start of Assistant's Answer]\n${options.response}\n[The End of Assistant's Answer]`,
      },
    ],
    parameters: { temperature: 0, maxTokens: 2048 },
  };
}

/**
 * Reads the judge's rating like MT-Bench (`[[x]]`, then `[x]`) and maps it to [0, 1] on the scale. No rating,
 * or one off the scale, leaves the grader unscored (kept apart from wrong). Passes at `passAt` (default the
 * scale's maximum). The reason is the judge's own text.
 */
export function rubricVerdict(judgment: string, scale: RubricScale, passAt?: number): Verdict {
  const rating = parseJudgeRating(judgment);
  const reasoning = judgment.trim().slice(0, 2000);
  if (rating === null)
    return { score: null, passed: false, reason: `no [[rating]] in the judgment: ${reasoning}` };
  if (rating < scale.min || rating > scale.max) {
    return {
      score: null,
      passed: false,
      reason: `rating ${rating} is off the ${scale.min}-${scale.max} scale: ${reasoning}`,
    };
  }
  const score = (rating - scale.min) / (scale.max - scale.min);
  return {
    score,
    passed: rating >= (passAt ?? scale.max),
    reason: `rating ${rating}/${scale.max}: ${reasoning}`,
  };
}

/**
 * The verdict over `--judge-repeats` judgments of one response: the mean of the ratings that parsed and lie on
 * the scale (repeats without a usable rating are left out and counted in the reason); unscored when none did.
 * Passes when the mean rating reaches `passAt`. One judgment gives exactly `rubricVerdict`.
 */
export function rubricVerdictOfRepeats(
  judgments: readonly string[],
  scale: RubricScale,
  passAt?: number,
): Verdict {
  const [only, ...more] = judgments;
  if (only === undefined) return { score: null, passed: false, reason: 'no judgment' };
  if (more.length === 0) return rubricVerdict(only, scale, passAt);
  const verdicts = judgments.map((judgment) => rubricVerdict(judgment, scale, passAt));
  const scores = verdicts.flatMap((verdict) => (verdict.score === null ? [] : [verdict.score]));
  const unrated = verdicts.length - scores.length;
  const reasons = verdicts.map((verdict, index) => `[repeat ${index + 1}] ${verdict.reason}`).join('\n');
  if (scores.length === 0) {
    return {
      score: null,
      passed: false,
      reason: `no usable rating in ${verdicts.length} judgments:\n${reasons}`,
    };
  }
  const score = scores.reduce((sum, value) => sum + value, 0) / scores.length;
  const rating = scale.min + score * (scale.max - scale.min);
  const unratedNote = unrated > 0 ? `, ${unrated} without a usable rating left out` : '';
  return {
    score,
    passed: rating >= (passAt ?? scale.max),
    reason: `mean rating ${Number(rating.toFixed(3))}/${scale.max} over ${scores.length} judgments${unratedNote}:\n${reasons}`,
  };
}
