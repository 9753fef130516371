import { createHash } from 'node:crypto';
import type { Item } from '../spec/index.ts';

/** Texts of objects that several items share (MMLU's few-shot rows are one array per subject). */
export interface CanonicalJsonMemo {
  /** Objects met once: an object's text is kept only from its second meeting on. */
  readonly seen: WeakSet<object>;
  readonly texts: WeakMap<object, string>;
}

export const newCanonicalJsonMemo = (): CanonicalJsonMemo => ({ seen: new WeakSet(), texts: new WeakMap() });

/**
 * JSON with object keys sorted at every level (undefined members left out), so equal content hashes equal.
 * `memo` keeps the text of objects met more than once. Keeping every object's text would keep each item's
 * whole text alive until the last item is done (100 MB for MMLU's 14,042 items, each with its subject's rows).
 */
function canonicalJson(value: unknown, memo?: CanonicalJsonMemo, shared = false): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const known = memo?.texts.get(value);
  if (known !== undefined) return known;
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((entry) => canonicalJson(entry ?? null, memo)).join(',')}]`;
  } else {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    text = `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry, memo)}`).join(',')}}`;
  }
  if (shared || memo?.seen.has(value)) memo?.texts.set(value, text);
  else memo?.seen.add(value);
  return text;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * An item that can write the canonical JSON of its own `data` without building `data` (an item held as stored
 * bytes): `write` takes the text in order, in pieces, as strings or as their UTF-8 bytes; `canonical` writes the
 * canonical JSON of any value (`shared`: an object other items hold too, whose text is worth keeping at once).
 * The pieces must make exactly the text `data` would give.
 */
export interface CanonicalDataWriter {
  writeCanonicalData(
    write: (piece: string | Uint8Array) => void,
    canonical: (value: unknown, shared?: boolean) => string,
  ): void;
}

const writesOwnData = (item: object): item is CanonicalDataWriter =>
  typeof (item as Partial<CanonicalDataWriter>).writeCanonicalData === 'function';

/**
 * Fingerprint of an item's content — everything the benchmark loaded for it (`item.data`: the prompt's
 * inputs and the target), not its id: two items with the same id but a different question, choices or
 * answer get different fingerprints. 128 bits of SHA-256 over canonical JSON.
 */
export function itemFingerprint(item: Pick<Item, 'data'>, memo?: CanonicalJsonMemo): string {
  if (writesOwnData(item)) {
    // The same text, hashed piece by piece as the item writes it.
    const hash = createHash('sha256').update('parity-item-v1\n');
    item.writeCanonicalData(
      (piece) => hash.update(piece),
      (value, shared) => canonicalJson(value, memo, shared),
    );
    return hash.digest('hex').slice(0, 32);
  }
  return sha256(`parity-item-v1\n${canonicalJson(item.data, memo)}`);
}

/** Fingerprint of a run's dataset: of its items' ids and fingerprints, in id order. */
export function datasetFingerprint(fingerprints: ReadonlyMap<string, string>): string {
  // The ids alone are sorted (the default order compares UTF-16 code units, as `<` does; ids are unique), and
  // the lines are appended to one text: no array of entries or of lines.
  const ids = [...fingerprints.keys()].sort();
  let text = 'parity-dataset-v1\n';
  for (const id of ids) text += `${id}\t${fingerprints.get(id) as string}\n`;
  return sha256(text);
}

/** Fingerprints of the items a run plans, and of them as a dataset, as the store records them. */
export function runFingerprints(items: readonly Pick<Item, 'id' | 'data'>[]): {
  dataset: string;
  items: Map<string, string>;
} {
  // Remembered for this call only: shared values (a subject's few-shot rows) are written once.
  const memo = newCanonicalJsonMemo();
  const map = new Map<string, string>();
  for (const item of items) map.set(item.id, itemFingerprint(item, memo));
  return { dataset: datasetFingerprint(map), items: map };
}
