import type { Item, ItemScore, MetricSpec, Protocol } from '../../spec/index.ts';
import { answerTokens, generateLongctxSample } from './generate-longctx-sample.ts';
import type { LongctxData } from './longctx-data.ts';
import { stringMatchAll, stringMatchPart } from './string-match-all.ts';

/**
 * `accuracy` is RULER's string_match_all per item (the share of gold strings in the reply; 0 or 1 for single
 * needles), averaged over items; the group is the length in tokens, so the per-group table is accuracy per
 * length. `all_found` counts items with every gold string, `any_found` those with at least one.
 */
export const longctxMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'graded' },
  { name: 'all_found', itemScore: 'all_found', aggregate: 'mean', kind: 'proportion' },
  { name: 'any_found', itemScore: 'any_found', aggregate: 'mean', kind: 'proportion' },
];

/**
 * longctx.ruler.v1: RULER's niah_single / niah_multikey / niah_multivalue / vt prompts over the noise haystack,
 * the question's answer prefix prefilled where the provider can, greedy, at most 128 tokens (30 for vt).
 */
export const longctxRulerV1: Protocol<LongctxData> = {
  kind: 'generate',
  id: 'longctx.ruler.v1',
  version: 1,
  benchmark: 'longctx',
  description:
    'Synthetic long context in the manner of RULER (single, multi-key, multi-value needles; variable tracking), string_match_all',
  metrics: longctxMetrics,
  buildRequest(item: Item<LongctxData>) {
    const sample = generateLongctxSample(item.data);
    return {
      messages: [{ role: 'user', content: sample.userMessage }],
      parameters: { temperature: 0, maxTokens: answerTokens(item.data.task) },
      assistantPrefix: sample.answerPrefix,
    };
  },
  score(item: Item<LongctxData>, completion: string): ItemScore {
    const share = stringMatchAll(completion, item.data.answers);
    const found = item.data.answers.filter((answer) =>
      completion.toLowerCase().includes(answer.toLowerCase()),
    );
    return {
      scores: {
        accuracy: share,
        all_found: share === 1 ? 1 : 0,
        any_found: stringMatchPart(completion, item.data.answers),
      },
      extracted: found.length === 0 ? null : found.join(', '),
    };
  },
  referenceCompletion(item: Item<LongctxData>) {
    return ` ${item.data.answers.join(', ')}.`;
  },
};
