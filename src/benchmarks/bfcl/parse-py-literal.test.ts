import { describe, expect, it } from 'vitest';
import { decodeNativeCalls, decodePromptCalls } from './decode-calls.ts';
import { PyLiteralReader, PySyntaxError, parsePyLiteral } from './parse-py-literal.ts';
import { toPlain, type PyValue } from './py-value.ts';

/** Expected values are Python's own: what `ast.literal_eval` / `json.loads` give for the same text. */
const parse = parsePyLiteral;

function syntaxError(run: () => unknown): PySyntaxError {
  try {
    run();
  } catch (error) {
    if (error instanceof PySyntaxError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('parsePyLiteral numbers', () => {
  it('keeps int and float apart', () => {
    expect(parse('5')).toEqual({ t: 'int', v: 5 });
    expect(parse('-3')).toEqual({ t: 'int', v: -3 });
    expect(parse('+3')).toEqual({ t: 'int', v: 3 });
    expect(parse('5.0')).toEqual({ t: 'float', v: 5 });
    expect(parse('5.')).toEqual({ t: 'float', v: 5 });
    expect(parse('.5')).toEqual({ t: 'float', v: 0.5 });
    expect(parse('1e3')).toEqual({ t: 'float', v: 1000 });
    expect(parse('2E-2')).toEqual({ t: 'float', v: 0.02 });
    expect(parse('-1.5e+2')).toEqual({ t: 'float', v: -150 });
    expect(parse('  42  ')).toEqual({ t: 'int', v: 42 });
  });

  it('negates a parenthesized number after a unary sign', () => {
    expect(parse('-(5)')).toEqual({ t: 'int', v: -5 });
    expect(parse('-(2.5)')).toEqual({ t: 'float', v: -2.5 });
    expect(parse('+(5)')).toEqual({ t: 'int', v: 5 });
    expect(parse('- 5')).toEqual({ t: 'int', v: -5 });
    expect(syntaxError(() => parse("-'a'")).message).toBe('bad number at offset 4');
    expect(syntaxError(() => parse('-')).message).toBe('unexpected end at offset 1');
  });
});

describe('parsePyLiteral strings', () => {
  it('reads both quotes, triple quotes and escapes', () => {
    expect(parse('"a"')).toEqual({ t: 'str', v: 'a' });
    expect(parse("'it\"s'")).toEqual({ t: 'str', v: 'it"s' });
    expect(parse("'''a'b'''")).toEqual({ t: 'str', v: "a'b" });
    expect(parse('"""x""y"""')).toEqual({ t: 'str', v: 'x""y' });
    expect(parse(String.raw`"\n\t\r\b\f\0\\\'\"\/"`)).toEqual({ t: 'str', v: '\n\t\r\b\f\0\\\'"/' });
    expect(parse(String.raw`"\u00e9\x41\u20AC"`)).toEqual({ t: 'str', v: 'éA€' });
    // An unknown escape keeps its backslash (Python: '\q' == '\\q').
    expect(parse(String.raw`"\q"`)).toEqual({ t: 'str', v: '\\q' });
    // A backslash before a newline continues the line.
    expect(parse('"a\\\nb"')).toEqual({ t: 'str', v: 'ab' });
    expect(parse("''")).toEqual({ t: 'str', v: '' });
  });

  it('rejects a bad or unterminated escape and an unterminated string', () => {
    expect(syntaxError(() => parse(String.raw`"\u00g1"`)).message).toBe('bad escape at offset 1');
    expect(syntaxError(() => parse(String.raw`"\x4"`)).message).toBe('bad escape at offset 1');
    expect(syntaxError(() => parse(String.raw`"\u12"`)).message).toBe('bad escape at offset 1');
    expect(syntaxError(() => parse('"\\')).message).toBe('unterminated escape at offset 1');
    expect(syntaxError(() => parse('"abc')).message).toBe('unterminated string at offset 4');
    expect(syntaxError(() => parse("'''ab''")).message).toBe('unterminated string at offset 7');
  });
});

describe('parsePyLiteral containers and names', () => {
  it('reads lists, tuples and parentheses as Python does', () => {
    expect(toPlain(parse('[1, [2, 3], []]'))).toEqual([1, [2, 3], []]);
    expect(parse('[1, 2,]')).toEqual({
      t: 'list',
      v: [
        { t: 'int', v: 1 },
        { t: 'int', v: 2 },
      ],
    });
    expect(parse('(1)')).toEqual({ t: 'int', v: 1 });
    const tuple = (text: string) => {
      const value = parse(text);
      return { t: value.t, plain: toPlain(value) };
    };
    expect(tuple('(1,)')).toEqual({ t: 'tuple', plain: [1] });
    expect(tuple('()')).toEqual({ t: 'tuple', plain: [] });
    expect(tuple('(1, 2)')).toEqual({ t: 'tuple', plain: [1, 2] });
    expect(tuple('((1, 2))')).toEqual({ t: 'tuple', plain: [1, 2] });
    expect(parse('[]')).toEqual({ t: 'list', v: [] });
  });

  it('reads dicts, with non-string keys as their Python text', () => {
    expect(toPlain(parse('{"a": 1, \'b\': [true, None]}'))).toEqual({ a: 1, b: [true, null] });
    expect(toPlain(parse('{1: "x", 2.5: "y", None: "z", True: "w",}'))).toEqual({
      '1': 'x',
      '2.5': 'y',
      None: 'z',
      true: 'w',
    });
    expect(toPlain(parse('{(1,): 1}'))).toEqual({ '{"t":"tuple","v":[{"t":"int","v":1}]}': 1 });
    expect(parse('{}')).toEqual({ t: 'dict', v: new Map() });
  });

  it('knows the constants in Python and JSON spelling, and no other name', () => {
    expect(parse('True')).toEqual({ t: 'bool', v: true });
    expect(parse('true')).toEqual({ t: 'bool', v: true });
    expect(parse('False')).toEqual({ t: 'bool', v: false });
    expect(parse('false')).toEqual({ t: 'bool', v: false });
    expect(parse('None')).toEqual({ t: 'none' });
    expect(parse('null')).toEqual({ t: 'none' });
    expect(syntaxError(() => parse('x')).message).toBe('unexpected name "x" at offset 1');
  });

  it('fails with the offset of the problem', () => {
    const error = syntaxError(() => parse('{"a" 1}'));
    expect(error.message).toBe('expected ":" at offset 5');
    expect(error.offset).toBe(5);
    expect(error.name).toBe('PySyntaxError');
    expect(syntaxError(() => parse('1 2')).message).toBe('trailing text at offset 2');
    expect(syntaxError(() => parse('')).message).toBe('unexpected end at offset 0');
    expect(syntaxError(() => parse('@')).message).toBe('unexpected "@" at offset 0');
    expect(syntaxError(() => parse('[1 2]')).message).toBe('expected "]" at offset 3');
    expect(syntaxError(() => parse('(1 2)')).message).toBe('expected ")" at offset 3');
    expect(syntaxError(() => parse('{"a": 1 "b": 2}')).message).toBe('expected "}" at offset 8');
    expect(syntaxError(() => parse('[1,')).message).toBe('unexpected end at offset 3');
  });
});

describe('PyLiteralReader with calls', () => {
  const read = (text: string) => {
    const reader = new PyLiteralReader(text, { allowCalls: true });
    const value = reader.value();
    return { value, offset: reader.offset, atEnd: reader.atEnd() };
  };

  it('reads a name as its text and a call with keywords as {name: {args}}', () => {
    expect(read('my_var')).toEqual({ value: { t: 'str', v: 'my_var' }, offset: 6, atEnd: true });
    expect(read('math . pi')).toEqual({ value: { t: 'str', v: 'math.pi' }, offset: 9, atEnd: true });
    expect(toPlain(read('f(a=1, b = "x")').value)).toEqual({ f: { a: 1, b: 'x' } });
    // Without keywords the call stays its source text; positional arguments are dropped.
    expect(read('f()').value).toEqual({ t: 'str', v: 'f()' });
    expect(read('g(1, 2)').value).toEqual({ t: 'str', v: 'g(1, 2)' });
    expect(toPlain(read('g(1, b=2)').value)).toEqual({ g: { b: 2 } });
    expect(read('Ünïcode_1').value).toEqual({ t: 'str', v: 'Ünïcode_1' });
  });

  it('offset and atEnd report where reading stopped', () => {
    const reader = new PyLiteralReader('[1]  x', { allowCalls: true });
    reader.value();
    expect(reader.offset).toBe(3);
    expect(reader.atEnd()).toBe(false);
    expect(reader.peek()).toBe('x');
    expect(reader.offset).toBe(5);
  });

  it('does not take "==" for a keyword', () => {
    expect(() => read('f(a==1)')).toThrow(PySyntaxError);
  });
});

describe('decodePromptCalls (default_decode_ast_prompting + ast_parse)', () => {
  const calls = (text: string) =>
    decodePromptCalls(text)?.map((call) => ({ name: call.name, args: toPlain({ t: 'dict', v: call.args }) }));

  it('reads a list of calls, with or without brackets, fences, newlines and spaces around', () => {
    expect(calls('[f(a=1), m.g(b="x")]')).toEqual([
      { name: 'f', args: { a: 1 } },
      { name: 'm.g', args: { b: 'x' } },
    ]);
    expect(calls('f(a=1)')).toEqual([{ name: 'f', args: { a: 1 } }]);
    expect(calls('```\n[f(a=1)]\n```')).toEqual([{ name: 'f', args: { a: 1 } }]);
    expect(calls('`f(a=1)`')).toEqual([{ name: 'f', args: { a: 1 } }]);
    expect(calls('\n \n[f(a=1)]\n \n')).toEqual([{ name: 'f', args: { a: 1 } }]);
    expect(calls('  f(a=1)  ')).toEqual([{ name: 'f', args: { a: 1 } }]);
    expect(calls('[f(a=1),]')).toEqual([{ name: 'f', args: { a: 1 } }]);
    expect(calls('[]')).toEqual([]);
    // Names are read as their text (upstream resolves an ast.Name to its id).
    expect(calls('[f(a=x, b=m.y)]')).toEqual([{ name: 'f', args: { a: 'x', b: 'm.y' } }]);
    expect(calls('')).toEqual([]);
    expect(calls('[f(a=[1, 2], b={"k": None})]')).toEqual([
      { name: 'f', args: { a: [1, 2], b: { k: null } } },
    ]);
  });

  it('is undefined for text that is no list of calls', () => {
    expect(decodePromptCalls('```python\n[f(a=1)]\n```')).toBeUndefined();
    expect(decodePromptCalls('[f(a=1)] and more')).toBeUndefined();
    expect(decodePromptCalls('[f(a=1) g(b=2)]')).toBeUndefined();
    expect(decodePromptCalls('[f(a=1)]]')).toBeUndefined();
    expect(decodePromptCalls('The answer is 5.')).toBeUndefined();
    expect(decodePromptCalls("'[f(a=1)]'")).toBeUndefined();
    expect(decodePromptCalls('[1, 2]')).toBeUndefined();
    expect(decodePromptCalls('[f(a=)]')).toBeUndefined();
  });
});

describe('decodeNativeCalls', () => {
  const reply = (calls: { name: string; arguments: string }[]) =>
    `text ${JSON.stringify({ tool_calls: calls })}`;
  const plain = (text: string) =>
    decodeNativeCalls(text)?.map((call) => ({ name: call.name, args: toPlain({ t: 'dict', v: call.args }) }));

  it("reads each call's JSON arguments, keeping 5 and 5.0 apart", () => {
    const decoded = decodeNativeCalls(reply([{ name: 'f', arguments: '{"a": 5, "b": 5.0}' }]));
    expect(decoded?.[0]?.args.get('a')).toEqual({ t: 'int', v: 5 });
    expect(decoded?.[0]?.args.get('b')).toEqual({ t: 'float', v: 5 });
    expect(
      plain(
        reply([
          { name: 'f', arguments: '' },
          { name: 'g', arguments: '  ' },
        ]),
      ),
    ).toEqual([
      { name: 'f', args: {} },
      { name: 'g', args: {} },
    ]);
  });

  it('is undefined without tool calls or when arguments are not a JSON object', () => {
    expect(decodeNativeCalls('no calls')).toBeUndefined();
    expect(decodeNativeCalls(reply([{ name: 'f', arguments: '[1]' }]))).toBeUndefined();
    expect(decodeNativeCalls(reply([{ name: 'f', arguments: '{"a": ' }]))).toBeUndefined();
  });
});

describe('toPlain', () => {
  it('turns tuples into arrays, None into null, dicts into objects', () => {
    const value: PyValue = {
      t: 'dict',
      v: new Map<string, PyValue>([
        ['t', { t: 'tuple', v: [{ t: 'float', v: 1.5 }] }],
        ['n', { t: 'none' }],
        ['s', { t: 'str', v: 's' }],
        ['b', { t: 'bool', v: false }],
      ]),
    };
    expect(toPlain(value)).toEqual({ t: [1.5], n: null, s: 's', b: false });
  });
});
