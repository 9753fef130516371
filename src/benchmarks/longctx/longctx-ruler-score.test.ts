import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { LongctxData } from './longctx-data.ts';
import { longctxMetrics, longctxRulerV1 } from './longctx-ruler.ts';

// A hand-made item: scoring reads only the answers, so the haystack is never generated here.
const item = (answers: readonly string[]): Item<LongctxData> => ({
  id: 'niah_multivalue/4096/d50/0',
  data: {
    task: 'niah_multivalue',
    tokens: 4096,
    depth: 50,
    index: 0,
    seed: 1,
    charsPerToken: 4,
    query: 'key',
    answers,
  },
});

describe('longctx.ruler.v1 item scores, worked by hand', () => {
  it('reports the found answers in gold order, case-insensitively, and the three scores', () => {
    expect(longctxRulerV1.score(item(['Alpha', 'beta', 'Gamma', 'delta']), 'BETA then alpha')).toEqual({
      scores: { accuracy: 0.5, all_found: 0, any_found: 1 },
      extracted: 'Alpha, beta',
    });
    expect(longctxRulerV1.score(item(['Alpha', 'beta']), 'alpha, BETA')).toEqual({
      scores: { accuracy: 1, all_found: 1, any_found: 1 },
      extracted: 'Alpha, beta',
    });
    expect(longctxRulerV1.score(item(['Alpha']), 'none')).toEqual({
      scores: { accuracy: 0, all_found: 0, any_found: 0 },
      extracted: null,
    });
  });

  it('its reference completion lists every answer after a space, comma-separated, with a final period', () => {
    expect(longctxRulerV1.referenceCompletion(item(['1234567', '7654321']))).toBe(' 1234567, 7654321.');
  });

  it('declares accuracy as graded and the found counts as proportions, all plain means', () => {
    expect(longctxMetrics).toEqual([
      { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'graded' },
      { name: 'all_found', itemScore: 'all_found', aggregate: 'mean', kind: 'proportion' },
      { name: 'any_found', itemScore: 'any_found', aggregate: 'mean', kind: 'proportion' },
    ]);
    expect(longctxRulerV1).toMatchObject({
      kind: 'generate',
      id: 'longctx.ruler.v1',
      version: 1,
      benchmark: 'longctx',
    });
    expect(longctxRulerV1.description).toContain('RULER');
  });
});
