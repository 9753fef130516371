import { describe, expect, it } from 'vitest';
import { queryItems, toItemView } from './item-view.ts';
import type { ItemView } from './view-model.ts';
import type { ItemRecord } from '../spec/index.ts';

function item(key: string, score: number | null, extra: Partial<ItemView> = {}): ItemView {
  return {
    key: `${key}#0`,
    itemId: key,
    sample: 0,
    group: key.split('/')[0] ?? null,
    status: 'ok',
    score,
    extracted: null,
    prompt: `prompt ${key}`,
    messageCount: 1,
    response: `Response for ${key}`,
    error: null,
    latencyMs: 10,
    ttftMs: null,
    inputTokens: null,
    outputTokens: null,
    finishReason: 'stop',
    cached: false,
    ...extra,
  };
}

const a = [
  item('math/0', 1),
  item('math/1', 0),
  item('law/0', 0),
  item('law/1', null),
  item('law/2', null, { status: 'error', response: null, error: 'ProviderError: boom' }),
];
const b = new Map(
  [item('math/0', 0), item('math/1', 1), item('law/0', 1), item('law/1', 1)].map((view) => [view.key, view]),
);

const keys = (filter: Parameters<typeof queryItems>[1]['filter'], extra = {}): string[] =>
  queryItems(a, { filter, offset: 0, limit: 50, ...extra }, b).rows.map((row) => row.item.itemId);

describe('queryItems', () => {
  it('filters by outcome, against a compared run, by group and by text', () => {
    expect(keys('all')).toEqual(['math/0', 'math/1', 'law/0', 'law/1', 'law/2']);
    expect(keys('right')).toEqual(['math/0']);
    expect(keys('wrong')).toEqual(['math/1', 'law/0']);
    expect(keys('errors')).toEqual(['law/2']);
    expect(keys('unscored')).toEqual(['law/1']);
    expect(keys('worse-than-vs')).toEqual(['math/1', 'law/0']);
    expect(keys('better-than-vs')).toEqual(['math/0']);
    expect(keys('differs-from-vs')).toEqual(['math/0', 'math/1', 'law/0', 'law/1']);
    expect(keys('all', { group: 'law' })).toEqual(['law/0', 'law/1', 'law/2']);
    expect(keys('all', { search: 'RESPONSE FOR MATH' })).toEqual(['math/0', 'math/1']);
    expect(keys('all', { search: 'boom' })).toEqual(['law/2']);
    expect(keys('all', { search: '(.*' })).toEqual([]);
  });

  it('pages, reports totals and groups, and pairs rows with the compared run', () => {
    const page = queryItems(a, { filter: 'all', offset: 1, limit: 2 }, b);
    expect(page).toEqual({
      total: 5,
      runTotal: 5,
      offset: 1,
      limit: 2,
      rows: [
        { item: a[1], vs: b.get('math/1#0') },
        { item: a[2], vs: b.get('law/0#0') },
      ],
      groups: ['law', 'math'],
    });
    expect(queryItems(a, { filter: 'worse-than-vs', offset: 0, limit: 10 }).total).toBe(0);
  });
});

describe('toItemView', () => {
  it('takes the last user message as the prompt and the headline score', () => {
    const record: ItemRecord = {
      itemId: 'x/1',
      sample: 0,
      group: 'x',
      status: 'ok',
      request: {
        messages: [
          { role: 'user', content: 'shot' },
          { role: 'assistant', content: 'A' },
          { role: 'user', content: 'question' },
        ],
        parameters: {},
      },
      response: {
        text: ' B',
        finishReason: 'stop',
        usage: { outputTokens: 1 },
        timing: { totalMs: 20, ttftMs: 5 },
        prefillApplied: true,
      },
      extracted: 'B',
      scores: { accuracy: 1 },
      cached: true,
      attempts: 1,
      cacheKey: 'k',
    };
    expect(toItemView(record, { scoreKey: 'accuracy' })).toEqual({
      key: 'x/1#0',
      itemId: 'x/1',
      sample: 0,
      group: 'x',
      status: 'ok',
      score: 1,
      extracted: 'B',
      prompt: 'question',
      messageCount: 3,
      response: ' B',
      error: null,
      latencyMs: 20,
      ttftMs: 5,
      inputTokens: null,
      outputTokens: 1,
      finishReason: 'stop',
      cached: true,
    });
  });
});
