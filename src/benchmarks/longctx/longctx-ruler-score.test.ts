import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { LongctxData } from './longctx-data.ts';

// The protocol is built when its module loads: each test loads it itself (dynamic import), so the mutation run
// attributes that construction to a test that checks it (decision 0302).
const load = () => import('./longctx-ruler.ts');

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
  it('declares accuracy as graded and the found counts as proportions, all plain means', async () => {
    const { longctxMetrics, longctxRulerV1 } = await load();
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
      description:
        'Synthetic long context in the manner of RULER (single, multi-key, multi-value needles; variable tracking), string_match_all',
      metrics: longctxMetrics,
    });
  });

  it('sends the haystack as one user message', async () => {
    const { longctxRulerV1 } = await load();
    const messages = longctxRulerV1.buildRequest({
      ...item(['1234567']),
      data: { ...item(['1234567']).data, tokens: 512 },
    }).messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]?.role).toBe('user');
  });

  it('reports the found answers in gold order, case-insensitively, and the three scores', async () => {
    const { longctxRulerV1 } = await load();
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

  it('its reference completion lists every answer after a space, comma-separated, with a final period', async () => {
    const { longctxRulerV1 } = await load();
    expect(longctxRulerV1.referenceCompletion(item(['1234567', '7654321']))).toBe(' 1234567, 7654321.');
  });
});
