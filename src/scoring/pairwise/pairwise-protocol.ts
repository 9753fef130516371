import type { MetricSpec, Protocol } from '../../spec/index.ts';
import { PAIRWISE_PROMPT_ID } from './pairwise-judge-request.ts';

/** The stored benchmark of judgment runs (`parity compare --judge`): never a built-in benchmark's id. */
export const PAIRWISE_BENCHMARK = 'pairwise';

/** The stored protocol id of judgment runs with the default prompt. */
export const PAIRWISE_PROTOCOL_ID = `${PAIRWISE_BENCHMARK}.${PAIRWISE_PROMPT_ID}`;

/** Item scores of a judgment run (src/scoring/pairwise/pair-outcome.ts), as run metrics. */
export const pairwiseMetrics: readonly MetricSpec[] = [
  { name: 'win_rate_a', itemScore: 'win_a', aggregate: 'mean', kind: 'graded' },
  { name: 'ties', itemScore: 'tie', aggregate: 'mean', kind: 'proportion' },
  { name: 'inconsistent', itemScore: 'inconsistent', aggregate: 'mean', kind: 'proportion' },
];

/**
 * What `show`, `view` and `report` need of a judgment run: its metrics. Its items are judged by
 * `parity compare --judge` (src/cli/commands/compare/pairwise-compare.ts), never by the engine: building a
 * request or scoring a completion here is refused.
 */
export const pairwiseProtocol: Protocol = {
  kind: 'generate',
  id: PAIRWISE_PROTOCOL_ID,
  version: 1,
  benchmark: PAIRWISE_BENCHMARK,
  description:
    'pairwise judgments: a judge saw both runs\u2019 answers to each item in both orders (MT-Bench pair-v2)',
  metrics: pairwiseMetrics,
  buildRequest: () => {
    throw new Error('judgment runs are made by parity compare --judge');
  },
  score: () => ({ scores: { win_a: null }, extracted: null }),
  referenceCompletion: () => '',
};
