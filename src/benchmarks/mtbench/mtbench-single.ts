import { parseJudgeRating } from '../../scoring/mtbench/parse-judge-rating.ts';
import type {
  ChatMessage,
  GenerateRequest,
  Item,
  ItemScore,
  MultiStepProtocol,
  StepContext,
} from '../../spec/index.ts';
import { fastchatAnswerSystemMessage } from './fastchat-answer-system-message.ts';
import type { MtbenchData } from './mtbench-data.ts';
import { mtbenchJudgeRequest } from './mtbench-judge-request.ts';
import { mtbenchMetrics } from './mtbench-judgments.ts';

/** FastChat `temperature_config` (answer generation per category); other categories get 0.7. */
export const MTBENCH_TEMPERATURES: Readonly<Record<string, number>> = {
  writing: 0.7,
  roleplay: 0.7,
  extraction: 0.0,
  math: 0.0,
  coding: 0.0,
  reasoning: 0.0,
  stem: 0.1,
  humanities: 0.1,
};
const DEFAULT_TEMPERATURE = 0.7;
/** FastChat `max_new_token` for answers. */
export const MTBENCH_ANSWER_MAX_TOKENS = 1024;

/**
 * The request for one turn: FastChat's system message for the model when it sends one
 * (`fastchatAnswerSystemMessage`), then the user turns so far with the model's earlier answers in between, at
 * the category's temperature, ≤ 1,024 tokens.
 */
export function mtbenchTurnRequest(
  data: MtbenchData,
  earlierAnswers: readonly string[],
  options: { systemMessage?: string } = {},
): GenerateRequest {
  const [question1, question2] = data.turns;
  const turns: ChatMessage[] =
    earlierAnswers.length === 0
      ? [{ role: 'user', content: question1 }]
      : [
          { role: 'user', content: question1 },
          { role: 'assistant', content: earlierAnswers[0] ?? '' },
          { role: 'user', content: question2 },
        ];
  const messages: ChatMessage[] =
    options.systemMessage === undefined
      ? turns
      : [{ role: 'system', content: options.systemMessage }, ...turns];
  return {
    messages,
    parameters: {
      temperature: MTBENCH_TEMPERATURES[data.category] ?? DEFAULT_TEMPERATURE,
      maxTokens: MTBENCH_ANSWER_MAX_TOKENS,
    },
  };
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/**
 * Item scores from each turn's judgments (`ratings[turn - 1][repeat]`, null = unparsed):
 * `rating_turn<t>` = the turn's rating (the median of its parsed repeats), `rating` = mean of the parsed turns,
 * `unparsed_turn<t>` and `unparsed` = judgments without a rating, and with several repeats
 * `rating_turn<t>_repeat<k>` (1-based) for the judge-variance figures.
 */
export function mtbenchItemScore(ratings: readonly (readonly (number | null)[])[]): ItemScore {
  const scores: Record<string, number | null> = {};
  const turnRatings: (number | null)[] = [];
  let unparsed = 0;
  ratings.forEach((repeats, index) => {
    const turn = index + 1;
    const parsed = repeats.filter((rating): rating is number => rating !== null);
    const rating = parsed.length === 0 ? null : median(parsed);
    turnRatings.push(rating);
    scores[`rating_turn${turn}`] = rating;
    scores[`unparsed_turn${turn}`] = repeats.length - parsed.length;
    unparsed += repeats.length - parsed.length;
    if (repeats.length > 1) {
      repeats.forEach((value, repeat) => (scores[`rating_turn${turn}_repeat${repeat + 1}`] = value));
    }
  });
  const parsedTurns = turnRatings.filter((rating): rating is number => rating !== null);
  scores.rating =
    parsedTurns.length === 0 ? null : parsedTurns.reduce((sum, value) => sum + value, 0) / parsedTurns.length;
  scores.unparsed = unparsed;
  return {
    scores,
    extracted: turnRatings.map((rating) => (rating === null ? '?' : String(rating))).join(' / '),
  };
}

/**
 * The scored units of one item: one per judged turn, `{ rating, rating_turn<t>, unparsed, rating_repeat<k>… }`,
 * so run-level means are over judged turns as in FastChat's `show_result.py` (unparsed turns left out).
 */
export function mtbenchScoredUnits(
  scores: Readonly<Record<string, number | null>>,
): Readonly<Record<string, number | null>>[] {
  const units: Record<string, number | null>[] = [];
  for (const turn of [1, 2]) {
    const key = `rating_turn${turn}`;
    if (!(key in scores)) continue;
    const rating = scores[key] ?? null;
    const unit: Record<string, number | null> = {
      rating,
      [key]: rating,
      unparsed: scores[`unparsed_turn${turn}`] ?? 0,
    };
    for (let repeat = 1; `rating_turn${turn}_repeat${repeat}` in scores; repeat += 1) {
      unit[`rating_repeat${repeat}`] = scores[`rating_turn${turn}_repeat${repeat}`] ?? null;
    }
    units.push(unit);
  }
  return units;
}

/**
 * MT-Bench single-answer grading (FastChat llm_judge): the model answers turn 1, then turn 2 with its turn-1
 * answer in the conversation, with FastChat's system message for the models it sends one for; a judge grades
 * each turn `judgeRepeats` times with FastChat's prompts (temperature 0, ≤ 2,048 tokens, ≤ 1,024 for an
 * Anthropic judge), and the rating is parsed from `[[x]]` (fallback `[x]`).
 */
export const mtbenchSingle: MultiStepProtocol<MtbenchData> = {
  kind: 'multi-step',
  id: 'mtbench.single',
  version: 2,
  benchmark: 'mtbench',
  description:
    'MT-Bench: two turns per question, each graded 1–10 by a judge model (FastChat single-answer prompts)',
  metrics: mtbenchMetrics,
  needsJudge: true,
  buildRequest: (item: Item<MtbenchData>) => mtbenchTurnRequest(item.data, []),
  /** A lone completion cannot be graded without the judge: unscored. */
  score: () => ({ scores: { rating: null }, extracted: null }),
  /** MT-Bench has no gold answer; the GPT-4 reference answer to turn 1 where there is one. */
  referenceCompletion: (item: Item<MtbenchData>) => item.data.referenceAnswers?.[0] ?? '',
  async runSteps(item: Item<MtbenchData>, context: StepContext): Promise<ItemScore> {
    const systemMessage = fastchatAnswerSystemMessage(context.model?.modelId);
    const turnOptions = systemMessage === undefined ? {} : { systemMessage };
    const answer1 = (
      await context.generate(mtbenchTurnRequest(item.data, [], turnOptions), { role: 'model', name: 'turn1' })
    ).text;
    const answer2 = (
      await context.generate(mtbenchTurnRequest(item.data, [answer1], turnOptions), {
        role: 'model',
        name: 'turn2',
      })
    ).text;
    const ratings: (number | null)[][] = [];
    for (const turn of [1, 2] as const) {
      const request = mtbenchJudgeRequest({
        data: item.data,
        turn,
        answers: [answer1, answer2],
        ...(context.judge ? { judgeProvider: context.judge.provider } : {}),
      });
      const repeats: (number | null)[] = [];
      for (let repeat = 0; repeat < context.judgeRepeats; repeat += 1) {
        const judgment = await context.generate(request, {
          role: 'judge',
          name: `judge-turn${turn}`,
          repeat,
        });
        repeats.push(parseJudgeRating(judgment.text));
      }
      ratings.push(repeats);
    }
    return mtbenchItemScore(ratings);
  },
  scoredUnits: mtbenchScoredUnits,
};
