import type { GenerateRequest } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';
import { fillJudgeTemplate, type JudgePrompt } from './judge-prompts.ts';
import { referenceCategories } from './load-mtbench-items.ts';
import type { MtbenchData } from './mtbench-data.ts';

/** FastChat's judge settings for OpenAI judges (`common.py` `run_judge_single`): greedy, up to 2,048 tokens. */
export const JUDGE_PARAMETERS = { temperature: 0, maxTokens: 2048 } as const;

/** FastChat's judge settings for Anthropic judges (`chat_completion_anthropic(..., max_tokens=1024)`). */
export const ANTHROPIC_JUDGE_PARAMETERS = { temperature: 0, maxTokens: 1024 } as const;

/** The judge parameters FastChat uses for a judge of this provider ('anthropic' → 1,024 tokens, else 2,048). */
export function judgeParametersFor(provider: string | undefined) {
  return provider === 'anthropic' ? ANTHROPIC_JUDGE_PARAMETERS : JUDGE_PARAMETERS;
}

/**
 * The judge prompt FastChat picks for a question and turn: `single-math-v1[-multi-turn]` for the reference-guided
 * categories (math, reasoning, coding), else `single-v1[-multi-turn]`.
 */
export function judgePromptFor(data: MtbenchData, turn: 1 | 2): JudgePrompt {
  const prompts = data.judgePrompts;
  if (!prompts) throw new InputError(`question ${data.questionId}: judge prompts were not loaded`);
  const math = referenceCategories.includes(data.category);
  if (turn === 1) return math ? prompts.singleMath : prompts.single;
  return math ? prompts.singleMathMultiTurn : prompts.singleMultiTurn;
}

/**
 * The single-answer grading request for one turn, exactly as FastChat `run_judge_single` builds it: the prompt's
 * system prompt, then one user message — turn 1: the question and answer (and reference answer); turn 2: the
 * whole conversation (and the two-turn reference conversation).
 */
export function mtbenchJudgeRequest(options: {
  data: MtbenchData;
  turn: 1 | 2;
  answers: readonly [string, string];
  /** The judge's provider id ('anthropic', 'openai', …): FastChat gives Anthropic judges 1,024 tokens. */
  judgeProvider?: string;
}): GenerateRequest {
  const { data, turn, answers } = options;
  const prompt = judgePromptFor(data, turn);
  const reference = referenceCategories.includes(data.category) ? data.referenceAnswers : undefined;
  if (referenceCategories.includes(data.category) && !reference) {
    throw new InputError(`question ${data.questionId} (${data.category}) has no reference answer`);
  }
  const values: Record<string, string> =
    turn === 1
      ? { question: data.turns[0], answer: answers[0], ...(reference ? { ref_answer_1: reference[0] } : {}) }
      : {
          question_1: data.turns[0],
          question_2: data.turns[1],
          answer_1: answers[0],
          answer_2: answers[1],
          ...(reference ? { ref_answer_1: reference[0], ref_answer_2: reference[1] } : {}),
        };
  return {
    messages: [
      { role: 'system', content: prompt.systemPrompt },
      { role: 'user', content: fillJudgeTemplate(prompt.promptTemplate, values) },
    ],
    parameters: { ...judgeParametersFor(options.judgeProvider) },
  };
}
