import { describe, expect, it } from 'vitest';
import { astChecker, callName, simpleFunctionChecker, standardizeString } from './ast-checker.ts';
import type { BfclLanguage, GroundTruthCall } from './bfcl-data.ts';
import { parsePyLiteral } from './parse-py-literal.ts';
import { pyStr, type PyValue } from './py-value.ts';

/**
 * Rule-by-rule expectations for BFCL's AST checker, worked out by hand from upstream
 * bfcl_eval/eval_checker/ast_eval/ast_checker.py (type_checker, string_checker, list_checker, dict_checker,
 * list_dict_checker, simple_function_checker, parallel_function_checker_no_order) and type_mappings.py.
 */
const lit = parsePyLiteral;

function listOf(text: string): readonly PyValue[] {
  const value = lit(text);
  if (value.t !== 'list') throw new Error('answers must be a list');
  return value.v;
}

function fn(name: string, properties: Record<string, object>, required: string[] = []): PyValue {
  return lit(JSON.stringify({ name, parameters: { type: 'dict', properties, required } }));
}

function outcome(result: ReturnType<typeof simpleFunctionChecker>): string {
  return result.valid ? 'valid' : `${result.errorType}: ${result.error}`;
}

/** One parameter `p` of function `f`: its declared detail, the model's value, the acceptable answers. */
function one(language: BfclLanguage, detail: object, value: PyValue, answers: string): string {
  const doc = fn('f', { p: detail }, ['p']);
  const call = { name: 'f', args: new Map([['p', value]]) };
  const expected: GroundTruthCall = { name: 'f', params: new Map([['p', listOf(answers)]]) };
  return outcome(simpleFunctionChecker(doc, call, expected, { language }));
}

const py = (detail: object, value: string, answers: string) => one('python', detail, lit(value), answers);
const java = (detail: object, value: string, answers: string) => one('java', detail, pyStr(value), answers);
const js = (detail: object, value: string, answers: string) =>
  one('javascript', detail, pyStr(value), answers);
const typeError = (expected: string, got: string) =>
  `type_error:simple: incorrect type for parameter "p": expected ${expected}, got ${got}`;

describe('standardizeString and callName', () => {
  it('drops " ,./-_*^", lower-cases and turns single quotes into double ones', () => {
    expect(standardizeString('New York, N.Y.')).toBe('newyorkny');
    expect(standardizeString(' ,./-_*^')).toBe('');
    expect(standardizeString("It's A-b_c*d^e/f")).toBe('it"sabcdef');
    expect(standardizeString('x+y=z')).toBe('x+y=z');
  });

  it('replaces every dot with an underscore only when asked', () => {
    expect(callName('math.stats.mean', { underscoreToDot: true })).toBe('math_stats_mean');
    expect(callName('math.stats.mean', { underscoreToDot: false })).toBe('math.stats.mean');
    expect(callName('math.stats.mean', {})).toBe('math.stats.mean');
  });
});

describe('declared types: Python (PYTHON_TYPE_MAPPING)', () => {
  it('accepts a value of the mapped type', () => {
    expect(py({ type: 'string' }, "'New York'", "['new york']")).toBe('valid');
    expect(py({ type: 'integer' }, '10', '[10]')).toBe('valid');
    expect(py({ type: 'float' }, '2.5', '[2.5]')).toBe('valid');
    expect(py({ type: 'boolean' }, 'True', '[True]')).toBe('valid');
    expect(py({ type: 'array', items: { type: 'integer' } }, '[1, 2]', '[[1, 2]]')).toBe('valid');
    expect(py({ type: 'tuple', items: { type: 'integer' } }, '(1, 2)', '[[1, 2]]')).toBe('valid');
    expect(py({ type: 'dict' }, "{'a': 1}", "[{'a': [1]}]")).toBe('valid');
    expect(py({ type: 'any' }, "'Hi'", "['hi']")).toBe('valid');
    // No declared type counts as "string"; a type outside the table is checked as a string.
    expect(py({}, "'Hi'", "['hi']")).toBe('valid');
    expect(py({ type: 'number' }, "'Hi'", "['hi']")).toBe('valid');
  });

  it('names the mapped type when the value has another one', () => {
    expect(py({ type: 'string' }, '5', "['5']")).toBe(typeError('str', 'int'));
    expect(py({ type: 'any' }, '5', "['5']")).toBe(typeError('str', 'int'));
    expect(py({ type: 'number' }, '5', "['5']")).toBe(typeError('str', 'int'));
    expect(py({ type: 'integer' }, "'10'", '[10]')).toBe(typeError('int', 'str'));
    expect(py({ type: 'integer' }, '10.0', '[10]')).toBe(typeError('int', 'float'));
    expect(py({ type: 'float' }, "'x'", '[2.5]')).toBe(typeError('float', 'str'));
    expect(py({ type: 'boolean' }, "'x'", '[True]')).toBe(typeError('bool', 'str'));
    expect(py({ type: 'array' }, "'x'", '[[1]]')).toBe(typeError('list', 'str'));
    expect(py({ type: 'dict' }, "'x'", "[{'a': [1]}]")).toBe(typeError('dict', 'str'));
  });

  it('accepts an int for a float and a tuple for a tuple, but not a tuple for an array', () => {
    expect(py({ type: 'float' }, '2', '[2.0]')).toBe('valid');
    expect(py({ type: 'float' }, "'2.0'", '[2.0]')).toBe(typeError('float', 'str'));
    expect(py({ type: 'array' }, '(1, 2)', '[[1, 2]]')).toBe(typeError('list', 'tuple'));
    expect(py({ type: 'tuple' }, "'ab'", "[['a', 'b']]")).toBe(typeError('list', 'str'));
  });

  it('checks the items of arrays and tuples against the items type', () => {
    const nested = 'type_error:nested: nested type check failed for "p"';
    expect(py({ type: 'array', items: { type: 'integer' } }, "[1, 'x']", "[[1, 'x']]")).toBe(nested);
    expect(py({ type: 'array', items: { type: 'integer' } }, '[1.5]', '[[1]]')).toBe(nested);
    expect(py({ type: 'tuple', items: { type: 'integer' } }, '(1.5,)', '[[1]]')).toBe(nested);
    // int items pass the items check; the value check then fails.
    expect(py({ type: 'array', items: { type: 'integer' } }, '[1]', "[['x']]")).toMatch(
      /^value_error:list\/tuple/,
    );
    // An items type outside the table means str items.
    expect(py({ type: 'array', items: { type: 'number' } }, '[1]', "[['x']]")).toBe(nested);
    // Without an items type there is no items check.
    expect(py({ type: 'array' }, '[1.5]', '[[1]]')).toMatch(/^value_error:list\/tuple/);
    // Each answer is tried: ['v'] makes a str item acceptable (a variable), though [1] does not.
    expect(py({ type: 'array', items: { type: 'integer' } }, "['v']", "[[1], ['v']]")).toBe('valid');
    // A "" answer is no list to check items against: the type check passes, the value check fails.
    expect(py({ type: 'array', items: { type: 'integer' } }, "['x']", "['', [1]]")).toBe(
      'value_error:list/tuple: invalid value for parameter "p": [{"t":"str","v":"x"}]',
    );
  });

  it("treats a value of the answers' (other) type as a variable: compared exactly, no special checker", () => {
    expect(py({ type: 'integer' }, "'my_var'", "['my_var']")).toBe('valid');
    expect(py({ type: 'integer' }, "'My_Var'", "['my_var']")).toBe(
      'value_error:others: invalid value for parameter "p": "My_Var"',
    );
    expect(py({ type: 'string' }, "{'a': 1}", "[{'a': 2}]")).toBe(
      'value_error:others: invalid value for parameter "p": {"a":{"t":"int","v":1}}',
    );
    // The answer type is that of the first answer that is not "".
    expect(py({ type: 'integer' }, "'x'", "['', 5]")).toBe(typeError('int', 'str'));
  });
});

describe('declared types: Java (JAVA_TYPE_CONVERSION) and JavaScript (JS_TYPE_CONVERSION)', () => {
  it('converts Java source text for the declared type', () => {
    expect(java({ type: 'byte' }, '5', '[5]')).toBe('valid');
    expect(java({ type: 'short' }, '5', '[5]')).toBe('valid');
    expect(java({ type: 'integer' }, '5', '[5]')).toBe('valid');
    expect(java({ type: 'float' }, '2.5f', '[2.5]')).toBe('valid');
    expect(java({ type: 'double' }, '2.5', '[2.5]')).toBe('valid');
    expect(java({ type: 'long' }, '60L', '[60]')).toBe('valid');
    expect(java({ type: 'boolean' }, 'true', '[True]')).toBe('valid');
    expect(java({ type: 'char' }, 'C', "['c']")).toBe('valid');
    expect(java({ type: 'String' }, 'Hi', "['hi']")).toBe('valid');
    expect(java({ type: 'any' }, 'Hi', "['hi']")).toBe('valid');
    expect(java({ type: 'Array', items: { type: 'integer' } }, 'new int[]{1, 2}', '[[1, 2]]')).toBe('valid');
    expect(
      java(
        { type: 'ArrayList', items: { type: 'integer' } },
        'new ArrayList<>(Arrays.asList(1, 2))',
        '[[1, 2]]',
      ),
    ).toBe('valid');
    expect(
      java({ type: 'HashMap' }, 'new HashMap<String, String>() {{ put("k", "v"); }}', "[{'k': ['v']}]"),
    ).toBe('valid');
  });

  it('names the mapped Java type when the text does not convert', () => {
    expect(java({ type: 'byte' }, 'oops', '[5]')).toBe(typeError('int', 'str'));
    expect(java({ type: 'short' }, 'oops', '[5]')).toBe(typeError('int', 'str'));
    expect(java({ type: 'integer' }, 'oops', '[5]')).toBe(typeError('int', 'str'));
    expect(java({ type: 'long' }, '60', '[60]')).toBe(typeError('int', 'str'));
    expect(java({ type: 'float' }, 'oops', '[2.5]')).toBe(typeError('float', 'str'));
    expect(java({ type: 'double' }, 'oops', '[2.5]')).toBe(typeError('float', 'str'));
    expect(java({ type: 'boolean' }, 'oops', '[True]')).toBe(typeError('bool', 'str'));
    expect(java({ type: 'Array' }, 'oops', '[[1]]')).toBe(typeError('list', 'str'));
    expect(java({ type: 'ArrayList' }, 'oops', '[[1]]')).toBe(typeError('list', 'str'));
    expect(java({ type: 'Queue' }, 'oops', '[[1]]')).toBe(typeError('list', 'str'));
    expect(java({ type: 'Stack' }, 'oops', '[[1]]')).toBe(typeError('list', 'str'));
    expect(java({ type: 'HashMap' }, 'oops', "[{'k': ['v']}]")).toBe(typeError('dict', 'str'));
    expect(java({ type: 'Hashtable' }, 'oops', "[{'k': ['v']}]")).toBe(typeError('dict', 'str'));
    // A String parameter whose answers are not strings: a variable, compared exactly.
    expect(java({ type: 'String' }, 'Hi', '[5]')).toBe(
      'value_error:others: invalid value for parameter "p": "Hi"',
    );
  });

  it('converts Java collection items for the items type and checks them', () => {
    const nested = 'type_error:nested: nested type check failed for "p"';
    expect(
      java({ type: 'ArrayList', items: { type: 'integer' } }, 'new ArrayList<>(Arrays.asList(1.5))', '[[1]]'),
    ).toBe(nested);
    expect(java({ type: 'Array', items: { type: 'integer' } }, 'new int[]{1.5}', '[[1]]')).toBe(nested);
    expect(
      java({ type: 'ArrayList', items: { type: 'integer' } }, 'new ArrayList<>(Arrays.asList(1))', "[['x']]"),
    ).toMatch(/^value_error:list\/tuple/);
    expect(
      // An items type outside the table: the items stay text, checked as str.
      java({ type: 'ArrayList', items: { type: 'number' } }, 'new ArrayList<>(Arrays.asList(1))', '[[1]]'),
    ).toBe('value_error:list/tuple: invalid value for parameter "p": [{"t":"str","v":"1"}]');
    expect(java({ type: 'ArrayList' }, 'new ArrayList<>(Arrays.asList(1.5))', '[[1]]')).toMatch(
      /^value_error:list\/tuple/,
    );
  });

  it('rejects a Java or JavaScript value that is not source text', () => {
    expect(one('java', { type: 'long' }, lit('60'), '[60]')).toBe(
      'type_error:java: incorrect type for parameter "p": expected String, got int',
    );
    expect(one('javascript', { type: 'integer' }, lit('60'), '[60]')).toBe(
      'type_error:js: incorrect type for parameter "p": expected String, got int',
    );
    // An int for a float is a Python-only allowance.
    expect(one('java', { type: 'double' }, lit('2'), '[2.0]')).toMatch(/^type_error:java/);
  });

  it('converts JavaScript source text for the declared type', () => {
    expect(js({ type: 'String' }, "'Hi'", "['hi']")).toBe('valid');
    expect(js({ type: 'integer' }, '5', '[5]')).toBe('valid');
    expect(js({ type: 'float' }, '2.5', '[2.5]')).toBe('valid');
    expect(js({ type: 'Bigint' }, '5n', '[5]')).toBe('valid');
    expect(js({ type: 'Boolean' }, 'false', '[False]')).toBe('valid');
    expect(js({ type: 'dict' }, "{'k': 'v'}", "[{'k': ['v']}]")).toBe('valid');
    expect(js({ type: 'array', items: { type: 'integer' } }, '[1, 2]', '[[1, 2]]')).toBe('valid');
    expect(js({ type: 'any' }, 'Hi', "['hi']")).toBe('valid');
  });

  it('names the mapped JavaScript type when the text does not convert', () => {
    expect(js({ type: 'integer' }, 'oops', '[5]')).toBe(typeError('int', 'str'));
    expect(js({ type: 'float' }, 'oops', '[2.5]')).toBe(typeError('float', 'str'));
    expect(js({ type: 'Bigint' }, '5', '[5]')).toBe(typeError('int', 'str'));
    expect(js({ type: 'Boolean' }, 'oops', '[True]')).toBe(typeError('bool', 'str'));
    expect(js({ type: 'dict' }, 'oops', "[{'k': ['v']}]")).toBe(typeError('dict', 'str'));
    expect(js({ type: 'array' }, 'oops', '[[1]]')).toBe(typeError('list', 'str'));
    expect(js({ type: 'array', items: { type: 'integer' } }, '[1.5]', '[[1]]')).toBe(
      'type_error:nested: nested type check failed for "p"',
    );
  });
});

describe('value checkers', () => {
  it('string_checker: standardized strings; non-string answers are ignored', () => {
    expect(py({ type: 'string' }, "'meters'", "['units', '']")).toBe(
      'value_error:string: invalid value for parameter "p": "meters"',
    );
    expect(py({ type: 'string' }, "'X'", "['x', 5]")).toBe('valid');
  });

  it('list_checker: string items standardized on both sides; a "" answer is the empty list', () => {
    expect(py({ type: 'array' }, "['New York']", "[['newyork']]")).toBe('valid');
    expect(py({ type: 'array' }, "['newyork']", "[['New York']]")).toBe('valid');
    expect(py({ type: 'array' }, '[]', "[[1], '']")).toBe('valid');
    expect(py({ type: 'array' }, '[2]', "[[1], '']")).toBe(
      'value_error:list/tuple: invalid value for parameter "p": [{"t":"int","v":2}]',
    );
    expect(py({ type: 'array' }, '[1, 2]', '[[2, 1]]')).toMatch(/^value_error:list\/tuple/);
  });

  it('dict_checker: every key known, every value acceptable, every key present unless it may be omitted', () => {
    const answers = "[{'a': ['new york', 'boston'], 'b': [1, '']}]";
    expect(py({ type: 'dict' }, "{'a': 'New York'}", answers)).toBe('valid');
    expect(py({ type: 'dict' }, "{'a': 'Boston', 'b': 1}", answers)).toBe('valid');
    expect(py({ type: 'dict' }, "{'a': 'Boston', 'c': 1}", answers)).toBe(
      'value_error:dict_key: unexpected dict key parameter: "c"',
    );
    expect(py({ type: 'dict' }, "{'a': 'Paris'}", answers)).toBe(
      'value_error:dict_value: invalid value for dict key "a": "Paris"',
    );
    expect(py({ type: 'dict' }, "{'a': None}", answers)).toBe(
      'value_error:dict_value: invalid value for dict key "a": null',
    );
    expect(py({ type: 'dict' }, "{'b': 1}", answers)).toBe(
      'value_error:dict_key: missing dict key parameter: "a"',
    );
    // A "" answer is skipped, the next one decides; with only "" answers the result stays unclear.
    expect(py({ type: 'dict' }, '{}', "['', {'a': [1]}]")).toBe(
      'value_error:dict_key: missing dict key parameter: "a"',
    );
    expect(py({ type: 'dict' }, "{'a': 1}", "['', {'a': [2]}, {'a': [1]}]")).toBe('valid');
    expect(py({ type: 'dict' }, "{'a': 1}", "['']")).toBe(
      'dict_checker:unclear: invalid value for parameter "p"',
    );
  });

  it('list_dict_checker: the dicts in order, against an answer with as many dicts', () => {
    const detail = { type: 'array', items: { type: 'dict' } };
    const answers = "[[{'a': [1]}], [{'a': [1]}, {'a': [2]}]]";
    expect(py(detail, "[{'a': 1}, {'a': 2}]", answers)).toBe('valid');
    expect(py(detail, "[{'a': 1}]", answers)).toBe('valid');
    expect(py(detail, "[{'a': 2}, {'a': 1}]", answers)).toBe(
      'value_error:dict_value: invalid value for dict key "a": 2',
    );
    expect(py(detail, "[{'a': 1}, {'a': 2}, {'a': 3}]", answers)).toBe(
      'value_error:list_dict_count: wrong number of dictionaries in "p"',
    );
    expect(py(detail, "[{'a': 1}, {'a': 2}]", "[[{'a': [1]}, {'a': [3]}], [{'a': [1]}, {'a': [2]}]]")).toBe(
      'valid',
    );
  });
});

describe('corner cases of the checkers', () => {
  it('answers that are all "" give no answer type: a value of another type is a type error', () => {
    expect(py({ type: 'integer' }, "'x'", "['']")).toBe(typeError('int', 'str'));
  });

  it('a variable for a list parameter is compared exactly, not char by char', () => {
    expect(py({ type: 'array' }, "'My_List'", "['my_list']")).toBe(
      'value_error:others: invalid value for parameter "p": "My_List"',
    );
    expect(py({ type: 'array' }, "'my_list'", "['my_list']")).toBe('valid');
  });

  it('dict_checker: a non-empty string answer is an answer with no keys', () => {
    expect(py({ type: 'dict' }, "{'a': 2}", "[{'a': [1]}, 'x']")).toBe(
      'value_error:dict_key: unexpected dict key parameter: "a"',
    );
    expect(py({ type: 'dict' }, '{}', "[{'a': [1]}, 'x']")).toBe('valid');
  });

  it('list_checker: an answer that is no list or string stands for the empty list', () => {
    expect(py({ type: 'array' }, '[]', '[[1], 5]')).toBe('valid');
  });

  it('an unknown items type means str items: a str item passes the items check, an int answer does not make it fail', () => {
    expect(py({ type: 'array', items: { type: 'number' } }, "['a']", '[[1]]')).toBe(
      'value_error:list/tuple: invalid value for parameter "p": [{"t":"str","v":"a"}]',
    );
  });

  it('simple categories check the call against the first description, whatever name the answer has', () => {
    const doc = fn('real_name', { a: { type: 'integer' } }, ['a']);
    const call = { name: 'real_name', args: new Map<string, PyValue>([['a', { t: 'int', v: 1 }]]) };
    const answer: GroundTruthCall = { name: 'other_name', params: new Map([['a', listOf('[1]')]]) };
    expect(outcome(astChecker('simple_python', [doc], [call], [answer], { language: 'python' }))).toBe(
      'valid',
    );
  });
});

describe('simple_function_checker', () => {
  const doc = fn('geo.distance', { from: { type: 'string' }, unit: { type: 'string' } }, ['from']);
  const expected: GroundTruthCall = {
    name: 'geo.distance',
    params: new Map([
      ['from', listOf("['paris']")],
      ['unit', listOf("['km', '']")],
    ]),
  };
  const call = (name: string, args: Record<string, string>) => ({
    name,
    args: new Map(Object.entries(args).map(([key, value]) => [key, pyStr(value)])),
  });
  const check = (name: string, args: Record<string, string>, underscoreToDot = false) =>
    outcome(simpleFunctionChecker(doc, call(name, args), expected, { language: 'python', underscoreToDot }));

  it('matches the name, sent with underscores when tool names could not carry dots', () => {
    expect(check('geo.distance', { from: 'Paris' })).toBe('valid');
    expect(check('geo_distance', { from: 'Paris' }, true)).toBe('valid');
    expect(check('geo_distance', { from: 'Paris' })).toBe(
      'simple_function_checker:wrong_func_name: function name "geo.distance" not found in model output',
    );
  });

  it('needs the required parameters and no unknown ones', () => {
    expect(check('geo.distance', { unit: 'km' })).toBe(
      'simple_function_checker:missing_required: missing required parameter: "from"',
    );
    expect(check('geo.distance', { from: 'Paris', to: 'Rome' })).toBe(
      'simple_function_checker:unexpected_param: unexpected parameter: "to"',
    );
  });

  it('needs an optional parameter whose answers do not allow leaving it out', () => {
    const strict: GroundTruthCall = {
      name: 'geo.distance',
      params: new Map([
        ['from', listOf("['paris']")],
        ['unit', listOf("['km']")],
      ]),
    };
    expect(
      outcome(
        simpleFunctionChecker(doc, call('geo.distance', { from: 'Paris' }), strict, { language: 'python' }),
      ),
    ).toBe(
      'simple_function_checker:missing_optional: optional parameter "unit" not provided and not marked as optional',
    );
    // A documented parameter without answers is unexpected too.
    const noUnit: GroundTruthCall = {
      name: 'geo.distance',
      params: new Map([['from', listOf("['paris']")]]),
    };
    expect(
      outcome(
        simpleFunctionChecker(doc, call('geo.distance', { from: 'Paris', unit: 'km' }), noUnit, {
          language: 'python',
        }),
      ),
    ).toBe('simple_function_checker:unexpected_param: unexpected parameter: "unit"');
  });

  it('without a description: the expected name, and no parameter is known', () => {
    const bare: GroundTruthCall = { name: 'ping', params: new Map() };
    expect(outcome(simpleFunctionChecker(undefined, call('ping', {}), bare, { language: 'python' }))).toBe(
      'valid',
    );
    expect(outcome(simpleFunctionChecker(undefined, call('pong', {}), bare, { language: 'python' }))).toBe(
      'simple_function_checker:wrong_func_name: function name "ping" not found in model output',
    );
    expect(
      outcome(simpleFunctionChecker(undefined, call('ping', { a: '1' }), bare, { language: 'python' })),
    ).toBe('simple_function_checker:unexpected_param: unexpected parameter: "a"');
  });

  it('ignores required entries that are not strings', () => {
    const odd = lit(
      JSON.stringify({
        name: 'f',
        parameters: { type: 'dict', properties: { a: { type: 'integer' } }, required: [1, 'a'] },
      }),
    );
    const want: GroundTruthCall = { name: 'f', params: new Map([['a', listOf('[1]')]]) };
    expect(
      outcome(
        simpleFunctionChecker(odd, { name: 'f', args: new Map([['a', lit('1')]]) }, want, {
          language: 'python',
        }),
      ),
    ).toBe('valid');
  });
});

describe('ast_checker by category', () => {
  const add = fn('add', { a: { type: 'integer' } }, ['a']);
  const sub = fn('sub', { a: { type: 'integer' } }, ['a']);
  const expect1 = (name: string, a: number): GroundTruthCall => ({
    name,
    params: new Map([['a', [{ t: 'int', v: a }]]]),
  });
  const called = (name: string, a: number) => ({
    name,
    args: new Map<string, PyValue>([['a', { t: 'int', v: a }]]),
  });
  const run = (
    category: string,
    functions: PyValue[],
    calls: ReturnType<typeof called>[],
    want: GroundTruthCall[],
  ) => outcome(astChecker(category, functions, calls, want, { language: 'python' }));

  it('parallel: each expected call matched by a distinct call, in any order', () => {
    const want = [expect1('add', 1), expect1('sub', 2)];
    expect(run('parallel', [add, sub], [called('sub', 2), called('add', 1)], want)).toBe('valid');
    expect(run('parallel_multiple', [add, sub], [called('sub', 2), called('add', 1)], want)).toBe('valid');
    expect(run('parallel', [add, sub], [called('add', 1)], want)).toBe(
      'parallel_function_checker_no_order:wrong_count: wrong number of functions',
    );
    expect(run('parallel', [add, sub], [called('add', 1), called('sub', 3)], want)).toBe(
      'parallel_function_checker_no_order:cannot_find_match: no call matches expected call 1 (sub)',
    );
    // One call cannot answer two expected calls.
    expect(
      run('parallel', [add], [called('add', 1), called('add', 2)], [expect1('add', 1), expect1('add', 1)]),
    ).toBe('parallel_function_checker_no_order:cannot_find_match: no call matches expected call 1 (add)');
  });

  it('multiple: one call, checked against the description with the expected name', () => {
    expect(run('multiple', [add, sub], [called('sub', 2)], [expect1('sub', 2)])).toBe('valid');
    expect(run('live_multiple', [add, sub], [called('sub', 2), called('sub', 2)], [expect1('sub', 2)])).toBe(
      'multiple_function_checker:wrong_count: wrong number of functions',
    );
    expect(run('multiple', [add, sub], [called('add', 2)], [expect1('sub', 2)])).toMatch(/wrong_func_name/);
  });

  it('simple: exactly one call, against the first description', () => {
    expect(run('simple_python', [add], [called('add', 1)], [expect1('add', 1)])).toBe('valid');
    expect(run('simple_python', [add], [], [expect1('add', 1)])).toBe(
      'simple_function_checker:wrong_count: wrong number of functions',
    );
    expect(run('simple_python', [add], [called('add', 2)], [expect1('add', 1)])).toBe(
      'value_error:others: invalid value for parameter "a": 2',
    );
  });
});
