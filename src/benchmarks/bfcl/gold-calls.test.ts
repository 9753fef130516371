import { describe, expect, it } from 'vitest';
import { astChecker } from './ast-checker.ts';
import { categoryLanguage, type BfclCategory, type BfclData, type GroundTruthCall } from './bfcl-data.ts';
import { goldCall, goldCalls } from './gold-calls.ts';
import { parsePyLiteral } from './parse-py-literal.ts';
import { toPlain, type PyValue } from './py-value.ts';

/** Gold calls state each expected call with its first acceptable values; Java/JavaScript ones as source text. */
const lit = parsePyLiteral;

function data(
  category: BfclCategory,
  properties: Record<string, object>,
  required: string[],
  truth: string,
): BfclData {
  const params = lit(truth);
  if (params.t !== 'dict') throw new Error('truth must be a dict');
  const groundTruth: GroundTruthCall[] = [
    {
      name: 'f.g',
      params: new Map([...params.v].map(([key, value]) => [key, value.t === 'list' ? value.v : [value]])),
    },
  ];
  return {
    category,
    messages: [{ role: 'user', content: 'q' }],
    functions: [lit(JSON.stringify({ name: 'f.g', parameters: { type: 'dict', properties, required } }))],
    groundTruth,
  };
}

function args(bfcl: BfclData): unknown {
  const [call] = goldCalls(bfcl);
  expect(call?.name).toBe('f.g');
  return toPlain({ t: 'dict', v: call!.args });
}

/** The gold call passes BFCL's own checker: the property every gold call must have. */
function passes(bfcl: BfclData): boolean {
  return astChecker(bfcl.category, bfcl.functions, goldCalls(bfcl), bfcl.groundTruth, {
    language: categoryLanguage(bfcl.category),
  }).valid;
}

describe('goldCalls: Python', () => {
  it('takes the first acceptable value and leaves out optional parameters that may be omitted', () => {
    const bfcl = data(
      'simple_python',
      {
        city: { type: 'string' },
        unit: { type: 'string' },
        days: { type: 'integer' },
        extra: { type: 'string' },
      },
      ['city'],
      "{'city': ['', 'Paris', 'paris'], 'unit': ['km', ''], 'days': [3, 4], 'extra': ['']}",
    );
    expect(args(bfcl)).toEqual({ city: 'Paris', days: 3 });
    expect(passes(bfcl)).toBe(true);
  });

  it('a required parameter whose only answer is "" gets "" or, for an array or tuple, []', () => {
    const bfcl = data(
      'simple_python',
      { s: { type: 'string' }, a: { type: 'array' }, t: { type: 'tuple' }, n: {} },
      ['s', 'a', 't', 'n'],
      "{'s': [''], 'a': [''], 't': [''], 'n': ['']}",
    );
    expect(args(bfcl)).toEqual({ s: '', a: [], t: [], n: '' });
  });

  it('dict answers become one dict of first choices; lists of dicts too', () => {
    const bfcl = data(
      'simple_python',
      { d: { type: 'dict' }, l: { type: 'array', items: { type: 'dict' } }, p: { type: 'array' } },
      ['d', 'l', 'p'],
      "{'d': [{'a': ['x', 'y'], 'b': [''], 'c': ['', 2], 'e': 5}], 'l': [[{'a': [1, 2]}, {'a': [3]}]], 'p': [[{'a': [1]}]]}",
    );
    expect(args(bfcl)).toEqual({ d: { a: 'x', c: 2, e: 5 }, l: [{ a: 1 }, { a: 3 }], p: [{ a: [1] }] });
  });

  it('tuples of dicts become lists; irrelevance has no calls', () => {
    const bfcl = data(
      'simple_python',
      { l: { type: 'tuple', items: { type: 'dict' } } },
      ['l'],
      "{'l': [({'a': [1]},)]}",
    );
    const [call] = goldCalls(bfcl);
    expect(call?.args.get('l')?.t).toBe('list');
    expect(goldCalls({ ...bfcl, category: 'irrelevance', groundTruth: [] })).toEqual([]);
  });

  it('an expected call without a description: every answer as given', () => {
    const bfcl = data('simple_python', {}, [], "{'x': [1], 'y': ['', 2]}");
    expect(
      toPlain({ t: 'dict', v: goldCall(bfcl, { name: 'other', params: bfcl.groundTruth[0]!.params }).args }),
    ).toEqual({
      x: 1,
    });
  });
});

describe('goldCalls: Java source text', () => {
  const java = (type: string, answer: string, items?: string) =>
    args(
      data(
        'simple_java',
        { p: { type, ...(items ? { items: { type: items } } : {}) } },
        ['p'],
        `{'p': [${answer}]}`,
      ),
    );

  it('numbers with their suffixes', () => {
    expect(java('long', '60')).toEqual({ p: '60L' });
    expect(java('long', '2.5')).toEqual({ p: 'L' });
    expect(java('float', '2.5')).toEqual({ p: '2.5f' });
    expect(java('float', '2')).toEqual({ p: '2.0f' });
    expect(java('float', 'True')).toEqual({ p: 'f' });
    expect(java('double', '2')).toEqual({ p: '2.0' });
    expect(java('double', '0.5')).toEqual({ p: '0.5' });
    expect(java('double', 'True')).toEqual({ p: '' });
    expect(java('integer', '5')).toEqual({ p: '5' });
    expect(java('boolean', 'False')).toEqual({ p: 'false' });
    expect(java('any', '1.5')).toEqual({ p: '1.5' });
    expect(java('any', 'None')).toEqual({ p: '[object Object]' });
    // A string answer is already source text.
    expect(java('long', "'60L'")).toEqual({ p: '60L' });
  });

  it('arrays, array lists and hash maps', () => {
    expect(java('Array', "['a', 'b']", 'String')).toEqual({ p: 'new Object[]{a, b}' });
    expect(java('Array', '[1, 2]', 'long')).toEqual({ p: 'new Object[]{1L, 2L}' });
    expect(java('Array', "['a', 2.5]")).toEqual({ p: 'new Object[]{a, 2.5}' });
    expect(java('Array', '[]')).toEqual({ p: 'new Object[]{}' });
    expect(java('Array', '5')).toEqual({ p: 'new Object[]{}' });
    expect(java('ArrayList', '[]', 'String')).toEqual({ p: 'new ArrayList<>()' });
    expect(java('ArrayList', "['a', 'b']", 'String')).toEqual({
      p: 'new ArrayList<>(Arrays.asList("a", "b"))',
    });
    expect(java('ArrayList', '[1, 2]', 'long')).toEqual({ p: 'new ArrayList<>(Arrays.asList(1L, 2L))' });
    expect(java('ArrayList', '[1.5]')).toEqual({ p: 'new ArrayList<>(Arrays.asList(1.5))' });
    expect(java('ArrayList', '5')).toEqual({ p: 'new ArrayList<>()' });
    expect(java('HashMap', "{'k': ['v'], 'n': [1], 'x': [2.5], 'b': [True]}")).toEqual({
      p: 'new HashMap<String, Object>() {{ put("k", "v"); put("n", 1); put("x", 2.5); put("b", true); }}',
    });
    expect(java('HashMap', '5')).toEqual({ p: 'new HashMap<String, Object>() {{ }}' });
  });

  it('the gold call passes the checker', () => {
    const bfcl = data(
      'simple_java',
      {
        ttl: { type: 'long' },
        tags: { type: 'ArrayList', items: { type: 'String' } },
        ratio: { type: 'float' },
        map: { type: 'HashMap' },
      },
      ['ttl', 'tags', 'ratio', 'map'],
      "{'ttl': [60], 'tags': [['a', 'b']], 'ratio': [0.5], 'map': [{'k': ['v']}]}",
    );
    expect(passes(bfcl)).toBe(true);
  });
});

describe('goldCalls: JavaScript source text', () => {
  const js = (type: string, answer: string) =>
    args(data('simple_javascript', { p: { type } }, ['p'], `{'p': [${answer}]}`));

  it('literals as JavaScript writes them', () => {
    expect(js('Bigint', '5')).toEqual({ p: '5n' });
    expect(js('Bigint', '2.5')).toEqual({ p: '2.5' });
    expect(js('integer', '5')).toEqual({ p: '5' });
    expect(js('float', '2')).toEqual({ p: '2' });
    expect(js('float', '2.0')).toEqual({ p: '2.0' });
    expect(js('Boolean', 'True')).toEqual({ p: 'true' });
    expect(js('any', 'None')).toEqual({ p: 'null' });
    expect(js('String', "'x'")).toEqual({ p: 'x' });
    expect(js('array', "[['a', 1], (2,)]")).toEqual({ p: '[["a", 1], [2]]' });
    expect(js('array', "[('a', 1.5)]")).toEqual({ p: '[["a", 1.5]]' });
    expect(js('dict', "{'k': ['v'], 'n': [[1, 2]]}")).toEqual({ p: '{k: "v", n: [1, 2]}' });
  });

  it('the gold call passes the checker', () => {
    const bfcl = data(
      'simple_javascript',
      { n: { type: 'Bigint' }, a: { type: 'array' }, d: { type: 'dict' }, b: { type: 'Boolean' } },
      ['n', 'a', 'd', 'b'],
      "{'n': [5], 'a': [[1, 2]], 'd': [{'k': ['v']}], 'b': [False]}",
    );
    expect(passes(bfcl)).toBe(true);
  });
});

it('PyValue helper sanity: lists given as answers are kept whole', () => {
  const value: PyValue = lit('[1]');
  expect(toPlain(value)).toEqual([1]);
});
