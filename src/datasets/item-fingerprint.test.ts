import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { datasetFingerprint, itemFingerprint, runFingerprints } from './item-fingerprint.ts';

describe('itemFingerprint', () => {
  it('is the same for the same content, whatever the key order', () => {
    expect(itemFingerprint({ data: { question: 'q', choices: ['a', 'b'], answer: 1 } })).toBe(
      itemFingerprint({ data: { answer: 1, choices: ['a', 'b'], question: 'q' } }),
    );
  });

  it('changes with the question, a choice or the target', () => {
    const base = itemFingerprint({ data: { question: 'q', choices: ['a', 'b'], answer: 1 } });
    expect(itemFingerprint({ data: { question: 'Q', choices: ['a', 'b'], answer: 1 } })).not.toBe(base);
    expect(itemFingerprint({ data: { question: 'q', choices: ['a', 'c'], answer: 1 } })).not.toBe(base);
    expect(itemFingerprint({ data: { question: 'q', choices: ['a', 'b'], answer: 0 } })).not.toBe(base);
  });

  it('dataset fingerprint depends on ids and contents, not order', () => {
    const one = runFingerprints([
      { id: 'x', data: { q: 1 } },
      { id: 'y', data: { q: 2 } },
    ]);
    const reversed = runFingerprints([
      { id: 'y', data: { q: 2 } },
      { id: 'x', data: { q: 1 } },
    ]);
    expect(one.dataset).toBe(reversed.dataset);
    expect(datasetFingerprint(new Map([['x', 'a']]))).not.toBe(datasetFingerprint(new Map([['y', 'a']])));
    expect(one.items.get('x')).toBe(itemFingerprint({ data: { q: 1 } }));
  });

  it('hashes its lines in the UTF-16 order of the ids, as written by hand', () => {
    // '\uff5e' sorts after '😀' (\ud83d\ude00) by code point, before it by UTF-16 code unit.
    const ids = ['b', '😀', '\uff5e', 'a/10', 'a/2', 'A', ''];
    const fingerprints = new Map(ids.map((id, index) => [id, `f${index}`]));
    const lines = ['\tf6', 'A\tf5', 'a/10\tf3', 'a/2\tf4', 'b\tf0', '😀\tf1', '\uff5e\tf2'];
    const text = `parity-dataset-v1\n${lines.map((line) => `${line}\n`).join('')}`;
    expect(datasetFingerprint(fingerprints)).toBe(
      createHash('sha256').update(text).digest('hex').slice(0, 32),
    );
  });

  it('hashes the canonical text written out here by hand: sorted keys at every depth, undefined left out, holes empty', () => {
    const sha = (text: string) =>
      createHash('sha256').update(`parity-item-v1\n${text}`).digest('hex').slice(0, 32);
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    const data = {
      z: [{ b: 'x', a: undefined, '😀': 1, '\uff5e': 2 }, null, undefined, 'é"'],
      a: { when: new Date(0), nested: { y: [sparse], x: true } },
      m: undefined,
    };
    expect(itemFingerprint({ data })).toBe(
      sha(
        '{"a":{"nested":{"x":true,"y":[[1,,3]]},"when":{}},"z":[{"b":"x","😀":1,"\uff5e":2},null,null,"é\\""]}',
      ),
    );
  });
});
