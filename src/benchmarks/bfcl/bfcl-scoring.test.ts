import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { BfclCategory, BfclData } from './bfcl-data.ts';
import { bfclScoring } from './bfcl-scoring.ts';
import { parsePyLiteral } from './parse-py-literal.ts';
import type { PyValue } from './py-value.ts';

const add = parsePyLiteral(
  JSON.stringify({
    name: 'math.add',
    parameters: { type: 'dict', properties: { a: { type: 'integer' } }, required: ['a'] },
  }),
);
const one = (a: number) => ({
  name: 'math.add',
  args: new Map<string, PyValue>([['a', { t: 'int', v: a }]]),
});
const underscored = { name: 'math_add', args: one(1).args };

function item(category: BfclCategory): Item<BfclData> {
  return {
    id: `${category}_0`,
    data: {
      category,
      messages: [{ role: 'user', content: 'add' }],
      functions: [add],
      groundTruth:
        category === 'irrelevance'
          ? []
          : [{ name: 'math.add', params: new Map([['a', [{ t: 'int', v: 1 }]]]) }],
    },
  };
}

describe('bfclScoring', () => {
  it('counts each category under accuracy and its summary group', () => {
    const dotted = { underscoreToDot: false };
    expect(bfclScoring(item('simple_python'), [one(1)], dotted)).toEqual({
      scores: { accuracy: 1, ast_non_live: 1 },
      extracted: '[math.add(a=1)]',
    });
    expect(bfclScoring(item('live_simple'), [one(1)], dotted).scores).toEqual({ accuracy: 1, ast_live: 1 });
    expect(bfclScoring(item('multiple'), [one(2)], dotted).scores).toEqual({ accuracy: 0, ast_non_live: 0 });
    expect(bfclScoring(item('live_parallel'), [one(1), one(1)], dotted).scores).toEqual({
      accuracy: 0,
      ast_live: 0,
    });
  });

  it('undecodable calls are wrong and extract nothing', () => {
    expect(bfclScoring(item('parallel'), undefined, { underscoreToDot: false })).toEqual({
      scores: { accuracy: 0, ast_non_live: 0 },
      extracted: null,
    });
  });

  it('irrelevance: right with no call (none decoded, or an empty list), wrong with one', () => {
    const options = { underscoreToDot: false };
    expect(bfclScoring(item('irrelevance'), undefined, options)).toEqual({
      scores: { accuracy: 1, irrelevance: 1 },
      extracted: null,
    });
    expect(bfclScoring(item('irrelevance'), [], options)).toEqual({
      scores: { accuracy: 1, irrelevance: 1 },
      extracted: '[]',
    });
    expect(bfclScoring(item('irrelevance'), [one(1)], options).scores).toEqual({
      accuracy: 0,
      irrelevance: 0,
    });
  });

  it('passes underscoreToDot on to the checker', () => {
    expect(bfclScoring(item('simple_python'), [underscored], { underscoreToDot: true }).scores.accuracy).toBe(
      1,
    );
    expect(
      bfclScoring(item('simple_python'), [underscored], { underscoreToDot: false }).scores.accuracy,
    ).toBe(0);
  });

  it('checks Java items with Java rules', () => {
    const java: Item<BfclData> = { ...item('simple_java') };
    const text = { name: 'math.add', args: new Map<string, PyValue>([['a', { t: 'str', v: '1' }]]) };
    expect(bfclScoring(java, [text], { underscoreToDot: false }).scores.accuracy).toBe(1);
    expect(bfclScoring(item('simple_python'), [text], { underscoreToDot: false }).scores.accuracy).toBe(0);
  });
});
