/**
 * A cache row that names the item row holding its response instead of a second copy of it (docs/decisions/0315):
 * every `parity eval` item with an answer was written twice, into `items` and into `cache`, which cost about
 * 0.15 ms of CPU per item. The text starts with '@', which no JSON text does, so it never reads as a response (and,
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
