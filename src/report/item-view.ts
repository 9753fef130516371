import type { ItemRecord } from '../spec/index.ts';
import { measuredTiming } from './measured-timing.ts';
import type { ItemFilter, ItemPage, ItemPageRow, ItemQuery, ItemView } from './view-model.ts';

/** The drill-down view of a stored item; `scoreKey` is the per-item score of the headline metric. */
export function toItemView(record: ItemRecord, options: { scoreKey: string | undefined }): ItemView {
  const messages = record.request.messages;
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const response = record.response;
  const score = options.scoreKey === undefined ? undefined : record.scores[options.scoreKey];
  return {
    key: `${record.itemId}#${record.sample}`,
    itemId: record.itemId,
    sample: record.sample,
    group: record.group ?? null,
    status: record.status,
    score: record.status === 'ok' && typeof score === 'number' ? score : null,
    extracted: record.extracted,
    prompt: lastUser?.content ?? '',
    messageCount: messages.length,
    response: response?.text ?? null,
    error: record.error ? `${record.error.name}: ${record.error.message}` : null,
    latencyMs: measuredTiming(record)?.totalMs ?? null,
    ttftMs: measuredTiming(record)?.ttftMs ?? null,
    inputTokens: response?.usage.inputTokens ?? null,
    outputTokens: response?.usage.outputTokens ?? null,
    finishReason: response?.finishReason ?? null,
    cached: record.cached,
  };
}

/** Largest page a query may ask for. */
export const maxPageSize = 500;

function matchesFilter(item: ItemView, vs: ItemView | undefined, filter: ItemFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'right':
      return item.score !== null && item.score > 0;
    case 'wrong':
      return item.score !== null && item.score <= 0;
    case 'errors':
      return item.status === 'error';
    case 'unscored':
      return item.status === 'ok' && item.score === null;
    case 'worse-than-vs':
      return item.score !== null && vs?.score != null && item.score < vs.score;
    case 'better-than-vs':
      return item.score !== null && vs?.score != null && item.score > vs.score;
    case 'differs-from-vs':
      return vs !== undefined && (item.score !== vs.score || item.status !== vs.status);
  }
}

/** Whether any searched field holds `pattern` (a case-insensitive literal), without copying the texts. */
function matchesSearch(item: ItemView, pattern: RegExp): boolean {
  return [item.itemId, item.prompt, item.response, item.extracted, item.error].some(
    (text) => text !== null && pattern.test(text),
  );
}

/**
 * Filters and paginates a run's items: the filter (with `vsItems`, the compared run's items by key, for the
 * "worse / better than" filters), then group, then text search, in stored order. A filter that needs a
 * compared run matches nothing without one. `limit` is capped at `maxPageSize`.
 */
export function queryItems(
  items: readonly ItemView[],
  query: ItemQuery,
  vsItems?: ReadonlyMap<string, ItemView>,
): ItemPage {
  const search = query.search?.trim() ?? '';
  const pattern = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const limit = Math.max(1, Math.min(maxPageSize, Math.floor(query.limit)));
  const offset = Math.max(0, Math.floor(query.offset));
  const rows: ItemPageRow[] = [];
  const groups = new Set<string>();
  let total = 0;
  for (const item of items) {
    if (item.group !== null) groups.add(item.group);
    const vs = vsItems?.get(item.key);
    if (!matchesFilter(item, vs, query.filter)) continue;
    if (query.group !== undefined && item.group !== query.group) continue;
    if (search !== '' && !matchesSearch(item, pattern)) continue;
    if (total >= offset && rows.length < limit) rows.push(vs ? { item, vs } : { item });
    total += 1;
  }
  return { total, runTotal: items.length, offset, limit, rows, groups: [...groups].sort() };
}
