import { createHash } from 'node:crypto';
import type { Item } from '../spec/index.ts';

/** JSON with object keys sorted at every level (undefined members left out), so equal content hashes equal. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * Fingerprint of an item's content — everything the benchmark loaded for it (`item.data`: the prompt's
 * inputs and the target), not its id: two items with the same id but a different question, choices or
 * answer get different fingerprints. 128 bits of SHA-256 over canonical JSON.
 */
export function itemFingerprint(item: Pick<Item, 'data'>): string {
  return sha256(`parity-item-v1\n${canonicalJson(item.data)}`);
}

/** Fingerprint of a run's dataset: of its items' ids and fingerprints, in id order. */
export function datasetFingerprint(fingerprints: ReadonlyMap<string, string>): string {
  const lines = [...fingerprints]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([id, fingerprint]) => `${id}\t${fingerprint}\n`);
  return sha256(`parity-dataset-v1\n${lines.join('')}`);
}

/** Fingerprints of the items a run plans, and of them as a dataset, as the store records them. */
export function runFingerprints(items: readonly Pick<Item, 'id' | 'data'>[]): {
  dataset: string;
  items: Map<string, string>;
} {
  const map = new Map(items.map((item) => [item.id, itemFingerprint(item)]));
  return { dataset: datasetFingerprint(map), items: map };
}
