import { z } from 'zod';
import { parseJudgeRating } from '../../scoring/mtbench/parse-judge-rating.ts';
import type { MetricSpec } from '../../spec/index.ts';

/** MT-Bench metrics: mean rating over all judged turns (headline), then per turn (docs/cli.md). */
export const mtbenchMetrics: readonly MetricSpec[] = [
  { name: 'score', itemScore: 'rating', aggregate: 'mean', kind: 'graded' },
  { name: 'score_turn1', itemScore: 'rating_turn1', aggregate: 'mean', kind: 'graded' },
  { name: 'score_turn2', itemScore: 'rating_turn2', aggregate: 'mean', kind: 'graded' },
];

/** One line of a FastChat judgment file (`model_judgment/*_single.jsonl`); other fields are ignored. */
export const judgmentLineSchema = z.object({
  question_id: z.union([z.number().int(), z.string()]).transform(String),
  model: z.string(),
  judgment: z.string(),
  turn: z.union([z.literal(1), z.literal(2)]),
});
export type JudgmentLine = z.infer<typeof judgmentLineSchema>;

/** One judged turn as a scored unit: rating (null when unparsed) under `rating` and `rating_turn<N>`. */
export interface JudgedTurn {
  readonly questionId: string;
  readonly model: string;
  readonly turn: 1 | 2;
  readonly rating: number | null;
}

/** Parses each judgment's rating from its text (FastChat `[[x]]`, `[x]`); the stored `score` field is not read. */
export function judgedTurns(lines: readonly JudgmentLine[]): JudgedTurn[] {
  return lines.map((line) => ({
    questionId: line.question_id,
    model: line.model,
    turn: line.turn,
    rating: parseJudgeRating(line.judgment),
  }));
}

/** The per-item scores `summarizeScores` reads for one judged turn. */
export function judgedTurnScores(judged: JudgedTurn): Record<string, number | null> {
  return { rating: judged.rating, [`rating_turn${judged.turn}`]: judged.rating };
}
