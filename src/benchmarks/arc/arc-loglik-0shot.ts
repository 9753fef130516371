import type { MetricSpec } from '../../spec/index.ts';
import { defineProtocol } from '../definition/define-protocol.ts';
import { loglikelihoodPredictions } from '../definition/loglikelihood-choice.ts';
import type { ArcData } from './arc-data.ts';

/**
 * lm-eval `arc_challenge` (tasks/arc/arc_challenge.yaml, including arc_easy.yaml): 0-shot, raw text (no chat
 * template), the log-likelihood of " " + each choice's text after "Question: …\nAnswer:" (`doc_to_text`,
 * question verbatim); `accuracy` = lm-eval `acc`, `accuracy_norm` = `acc_norm`. Every choice is scored, three-
 * and five-choice questions included. With the log-likelihoods (a run) both metrics come from them; with only a
 * chosen continuation (a samples file, a reference completion) that continuation is the prediction of both.
 */
export const arcLoglik0shot = defineProtocol<ArcData>({
  id: 'arc.loglik.0shot',
  version: 1,
  benchmark: 'arc',
  description: 'ARC-Challenge 0-shot log-likelihood of each choice (lm-eval arc_challenge), acc and acc_norm',
  loglikelihood: { context: 'Question: {{question}}\nAnswer:', continuation: ' {{text}}' },
});

/** lm-eval `acc` and `acc_norm`, headline first (lm-eval's `metric_list` order). */
export const arcLoglikMetrics: readonly MetricSpec[] = arcLoglik0shot.metrics;

/** lm-eval's `acc` and `acc_norm` predictions (choice indexes) from one log-likelihood per choice. */
export function arcLoglikPredictions(
  data: ArcData,
  logLikelihoods: readonly number[],
): { predicted: number; predictedNorm: number } {
  return loglikelihoodPredictions(data.choices, logLikelihoods);
}
