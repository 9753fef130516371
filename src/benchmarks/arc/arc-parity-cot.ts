import type { MetricSpec } from '../../spec/index.ts';
import { defineProtocol } from '../definition/define-protocol.ts';
import type { ArcData } from './arc-data.ts';

/**
 * parity's own ARC-Challenge protocol (no published harness runs ARC this way): 0-shot chain of thought with
 * the simple-evals multiple-choice template (as its GPQA and MMLU evals use it; simple-evals has no ARC eval)
 * in one user message, the letter list fitted to the item ("ABCD", or "ABC"/"ABCDE" for the few items with three
 * or five choices); "Answer: X" read with simple-evals' `ANSWER_PATTERN_MULTICHOICE` widened to E, the FIRST
 * match, letter as written (a lower-case letter is wrong, as upstream); exact letter match; greedy, at most 1024
 * tokens. Formerly `arc.challenge`; docs/decisions/0080-arc-protocols.md.
 */
export const arcParityCot = defineProtocol<ArcData>({
  id: 'arc.parity.cot.0shot',
  version: 1,
  former_ids: ['arc.challenge'],
  benchmark: 'arc',
  description:
    'ARC-Challenge 0-shot chain of thought, parity\'s own protocol (simple-evals multiple-choice template, "Answer: X")',
  prompt: { template: 'simple-evals-multiple-choice' },
  generation: { temperature: 0, max_tokens: 1024 },
  extract: { type: 'multiple-choice-letter', letters: 'ABCDE' },
  match: 'exact',
  reference: "Let's think step by step.\n\nAnswer: {{answer}}",
});

export const arcMetrics: readonly MetricSpec[] = arcParityCot.metrics;
