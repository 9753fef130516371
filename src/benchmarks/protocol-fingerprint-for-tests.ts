import { createHash } from 'node:crypto';
import type { Item, Protocol } from '../spec/index.ts';

/** Replies every scorer is asked about besides the reference completion (prefilled and not). */
const probeCompletions: readonly string[] = [
  '',
  'Answer: A',
  'answer : $c$',
  ' B.',
  'The best answer is D.',
  'Antwort: 2.125\nAnswer: 18',
  '答案: 18.00',
];

/**
 * What a protocol does with each item, one JSON line per item, for tests that must show a rewritten protocol
 * behaves byte for byte as before: the generate request, the log-likelihood request, whether the item is
 * included, and the reference completion.
 */
export function serializeRequests<TData>(protocol: Protocol<TData>, items: readonly Item<TData>[]): string {
  return items
    .map((item) =>
      JSON.stringify({
        id: item.id,
        request: protocol.buildRequest(item),
        logLikelihood: protocol.buildLogLikelihoodRequest?.(item) ?? null,
        included: protocol.includesItem?.(item) ?? null,
        reference: protocol.referenceCompletion(item),
      }),
    )
    .join('\n');
}

/** The scores (and extractions) of the reference completion and of fixed probe replies, one JSON line per item. */
export function serializeScores<TData>(protocol: Protocol<TData>, items: readonly Item<TData>[]): string {
  return items
    .map((item) => {
      const completions = [protocol.referenceCompletion(item), ...probeCompletions];
      return JSON.stringify({
        id: item.id,
        scores: completions.flatMap((completion) => [
          protocol.score(item, completion),
          protocol.score(item, completion, { prefillApplied: true }),
        ]),
      });
    })
    .join('\n');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
