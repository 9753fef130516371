import type { GenerateRequest, ItemDigest, ItemRecord } from '../../spec/index.ts';

const noRequest: GenerateRequest = { messages: [], parameters: {} };

/**
 * An item record rebuilt from its digest, without texts (no messages, empty response text): enough for the run's
 * line (headline, tokens, latency, cost), its latency distribution and the filters, none of which read texts.
 */
export function digestRecord(digest: ItemDigest): ItemRecord {
  const answered = digest.timing !== undefined || digest.usage !== undefined;
  return {
    itemId: digest.itemId,
    sample: digest.sample,
    ...(digest.group === undefined ? {} : { group: digest.group }),
    status: digest.status,
    request: noRequest,
    ...(answered
      ? {
          response: {
            text: '',
            finishReason: digest.finishReason ?? 'unknown',
            usage: digest.usage ?? {},
            timing: digest.timing ?? { totalMs: 0 },
            prefillApplied: false,
          },
        }
      : {}),
    ...(digest.error === undefined ? {} : { error: digest.error }),
    extracted: digest.extracted,
    scores: digest.scores,
    cached: digest.cached,
    attempts: digest.attempts,
    cacheKey: '',
  };
}
