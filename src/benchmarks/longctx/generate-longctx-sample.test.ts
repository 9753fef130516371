import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateLongctxItems } from './generate-longctx-items.ts';
import { generateLongctxSample, noiseSentence } from './generate-longctx-sample.ts';
import type { LongctxSpec } from './longctx-data.ts';
import { seededRandom } from './seeded-random.ts';

const base: LongctxSpec = {
  task: 'niah_single',
  tokens: 4096,
  depth: 50,
  index: 0,
  seed: 42,
  charsPerToken: 4,
};

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('seededRandom', () => {
  it('gives a fixed sequence for a fixed seed (mulberry32 over FNV-1a)', () => {
    const random = seededRandom('42');
    const first = [random.nextUint32(), random.nextUint32(), random.nextUint32()];
    const again = seededRandom('42');
    expect([again.nextUint32(), again.nextUint32(), again.nextUint32()]).toEqual(first);
    expect(seededRandom('43').nextUint32()).not.toBe(first[0]);
    expect(first).toMatchInlineSnapshot(`
      [
        1321692771,
        1578880846,
        993578597,
      ]
    `);
  });
});

describe('generateLongctxSample', () => {
  it('gives byte-identical haystacks for the same seed (sha-256 of the generated text fixed in the test)', () => {
    const generate = () =>
      (['niah_single', 'niah_multikey', 'niah_multivalue', 'vt'] as const)
        .map((task) => generateLongctxSample({ ...base, task }).userMessage)
        .join('\u0000');
    const digest = sha256(generate());
    expect(sha256(generate())).toBe(digest);
    expect(digest).toMatchInlineSnapshot(
      `"5e66f303c4b66842c3f70d30c0386c025c30a2daba10112b840057436a0ad4bb"`,
    );
  });

  it('changes with the seed and the index', () => {
    const text = generateLongctxSample(base).userMessage;
    expect(generateLongctxSample({ ...base, seed: 43 }).userMessage).not.toBe(text);
    expect(generateLongctxSample({ ...base, index: 1 }).userMessage).not.toBe(text);
  });

  it('sizes the prompt to the length at the given characters per token', () => {
    for (const tokens of [4096, 16384]) {
      const text = generateLongctxSample({ ...base, tokens }).userMessage;
      const budget = (tokens - 128) * 4;
      expect(text.length).toBeLessThanOrEqual(budget);
      // The answer prefix (under 100 characters) is part of the budget but not of the user message.
      expect(text.length).toBeGreaterThan(budget - noiseSentence.length - 100);
    }
  });

  it('puts the needle at the requested depth', () => {
    for (const depth of [0, 25, 50, 75, 100]) {
      const sample = generateLongctxSample({ ...base, depth });
      const lines = sample.userMessage.split('\n');
      const at = lines.findIndex((line) => line.startsWith('One of the special magic numbers'));
      expect(Math.abs(at / (lines.length - 1) - depth / 100)).toBeLessThan(0.02);
      expect(lines[at]).toBe(
        `One of the special magic numbers for ${sample.query} is: ${sample.answers[0]}.`,
      );
    }
  });

  it('hides four keys for multi-key, four values for multi-value and a chain of five for vt', () => {
    const multikey = generateLongctxSample({ ...base, task: 'niah_multikey' }).userMessage;
    expect(multikey.match(/One of the special magic numbers for /g)).toHaveLength(4);
    const multivalue = generateLongctxSample({ ...base, task: 'niah_multivalue' });
    expect(multivalue.answers).toHaveLength(4);
    for (const value of multivalue.answers) expect(multivalue.userMessage).toContain(`is: ${value}.`);
    const vt = generateLongctxSample({ ...base, task: 'vt' });
    const chain = vt.userMessage.split('\n').filter((line) => line.startsWith('VAR '));
    expect(chain).toHaveLength(5);
    expect(chain[0]).toBe(`VAR ${vt.answers[0]} = ${vt.query}`);
    for (let i = 1; i < 5; i += 1) expect(chain[i]).toBe(`VAR ${vt.answers[i]} = VAR ${vt.answers[i - 1]}`);
  });
});

describe('generateLongctxItems', () => {
  it('encodes task, length, depth and index in ids and groups by length', () => {
    const items = generateLongctxItems({ synthetic: { lengths: [512, 256], depths: [0, 100], samples: 2 } });
    expect(items).toHaveLength(2 * 2 * 2 * 4);
    expect(items[0]?.id).toBe('niah_single/256/d0/0');
    expect(items[0]?.group).toBe('256');
    expect(items.at(-1)?.id).toBe('vt/512/d100/1');
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('refuses a length below 256 and a depth above 100 naming the option', () => {
    expect(() => generateLongctxItems({ synthetic: { lengths: [100] } })).toThrow(/--lengths.*100|100.*256/);
    expect(() => generateLongctxItems({ synthetic: { depths: [101] } })).toThrow(/101/);
  });
});
