/**
 * A cache row that names the item row holding its response instead of a second copy of it (docs/decisions/0315):
 * every `parity eval` item with an answer was written twice, into `items` and into `cache` (a third of the bytes
 * a group commit wrote, ~30 ms of CPU per 1,000 MMLU items). The text starts with '@', which no JSON text does, so it never reads as a response (and,
 * unlike a NUL, shows whole in SQLite's own tools).
 * Stores with such rows have schema version 8: older parity versions refuse them instead of misreading them.
 */
const prefix = '@item ';

export interface CacheReference {
  readonly runId: string;
  readonly itemId: string;
  readonly sample: number;
}

/** The text stored in `cache.response` for the item (runId, itemId, sample). */
export function cacheReference(runId: string, itemId: string, sample: number): string {
  return prefix + JSON.stringify([runId, itemId, sample]);
}

/**
 * SQL for the response a cache row (table alias `cache`) names: the item's response while that item is still the
 * ok answer to the row's key (same run, item, sample and `cache_key`, status ok); NULL when it is gone, and when the
 * row holds no reference (a row `parseCacheReference` reads as a reference always gets the item's answer here).
 * Read in the same statement as the row, so a listing of the whole cache is one ordered pass.
 */
export const namedResponseSql = `CASE WHEN substr(cache.response, 1, ${prefix.length}) = '${prefix}'
  AND json_valid(substr(cache.response, ${prefix.length + 1})) THEN (
    SELECT item.response FROM items AS item
    WHERE item.run_id = json_extract(substr(cache.response, ${prefix.length + 1}), '$[0]')
      AND item.item_id = json_extract(substr(cache.response, ${prefix.length + 1}), '$[1]')
      AND item.sample = json_extract(substr(cache.response, ${prefix.length + 1}), '$[2]')
      AND item.cache_key = cache.key AND item.status = 'ok') END`;

/** The item a stored `cache.response` names, or undefined when it holds a response itself (or is damaged). */
export function parseCacheReference(stored: string): CacheReference | undefined {
  if (!stored.startsWith(prefix)) return undefined;
  let named: unknown;
  try {
    named = JSON.parse(stored.slice(prefix.length));
  } catch {
    // Damaged: read as a response, which says so (StoredRecordError).
    return undefined;
  }
  if (!Array.isArray(named) || named.length !== 3) return undefined;
  const [runId, itemId, sample] = named as unknown[];
  if (typeof runId !== 'string' || typeof itemId !== 'string' || typeof sample !== 'number') return undefined;
  return { runId, itemId, sample };
}
