import { describe, expect, it } from 'vitest';
import { convertJavaValue, pythonNumber } from './java-value.ts';
import { convertJsValue } from './js-value.ts';
import { toPlain, type PyValue } from './py-value.ts';

/**
 * Expected values worked out by hand from upstream bfcl_eval/eval_checker/ast_eval/type_convertor/
 * java_type_converter.py and js_type_converter.py: what those converters return for the same text.
 */
const typed = (value: PyValue | undefined) =>
  value === undefined ? undefined : { t: value.t, plain: toPlain(value) };
const java = (text: string, type: string, nested?: string) => typed(convertJavaValue(text, type, nested));
const js = (text: string, type: string, nested?: string) => typed(convertJsValue(text, type, nested));
const str = (plain: string) => ({ t: 'str', plain });

describe('convertJavaValue', () => {
  it('integers: byte, short, integer take digits only; long needs its L', () => {
    for (const type of ['byte', 'short', 'integer']) {
      expect(java('-12', type)).toEqual({ t: 'int', plain: -12 });
      expect(java('1.5', type)).toEqual(str('1.5'));
      expect(java('12L', type)).toEqual(str('12L'));
      expect(java(' 12', type)).toEqual(str(' 12'));
    }
    expect(java('60L', 'long')).toEqual({ t: 'int', plain: 60 });
    expect(java('-5l', 'long')).toEqual({ t: 'int', plain: -5 });
    expect(java('60', 'long')).toEqual(str('60'));
    expect(java('x60L', 'long')).toEqual(str('x60L'));
  });

  it('float needs its f, double takes a plain decimal', () => {
    expect(java('1.5f', 'float')).toEqual({ t: 'float', plain: 1.5 });
    expect(java('2F', 'float')).toEqual({ t: 'float', plain: 2 });
    expect(java('-1e3f', 'float')).toEqual({ t: 'float', plain: -1000 });
    expect(java('1.5', 'float')).toEqual(str('1.5'));
    expect(java('a1.5f', 'float')).toEqual(str('a1.5f'));
    expect(java('1.5', 'double')).toEqual({ t: 'float', plain: 1.5 });
    expect(java('-2', 'double')).toEqual({ t: 'float', plain: -2 });
    expect(java('1E-3', 'double')).toEqual({ t: 'float', plain: 0.001 });
    expect(java('1.5d', 'double')).toEqual(str('1.5d'));
    expect(java('x1.5', 'double')).toEqual(str('x1.5'));
  });

  it('boolean takes true and false only; char, String and unknown types keep the text', () => {
    expect(java('true', 'boolean')).toEqual({ t: 'bool', plain: true });
    expect(java('false', 'boolean')).toEqual({ t: 'bool', plain: false });
    expect(java('True', 'boolean')).toEqual(str('True'));
    expect(java("'c'", 'char')).toEqual(str("'c'"));
    expect(java('"x"', 'String')).toEqual(str('"x"'));
    expect(java('1', 'Object')).toEqual(str('1'));
  });

  it('ArrayList: Arrays.asList, double-brace adds, empty, else the text', () => {
    expect(java('new ArrayList<>(Arrays.asList("a", "b"))', 'ArrayList', 'String')).toEqual({
      t: 'list',
      plain: ['a', 'b'],
    });
    expect(java("new ArrayList<>(Arrays.asList('a'))", 'ArrayList', 'char')).toEqual({
      t: 'list',
      plain: ['a'],
    });
    expect(java('new ArrayList<Integer>(Arrays.asList(1, 2L, 3.5f, true, "x", 2.5))', 'ArrayList')).toEqual({
      t: 'list',
      plain: [1, 2, 3.5, true, 'x', 2.5],
    });
    expect(java('new ArrayList<>(Arrays.asList(7, 8))', 'ArrayList', 'long')?.plain).toEqual(['7', '8']);
    expect(java('new  ArrayList<String>() {{ add("a"); add( "b" ); }}', 'ArrayList', 'String')).toEqual({
      t: 'list',
      plain: ['a', 'b'],
    });
    expect(java('new ArrayList<Integer>() {{\n add(1);\n}}', 'ArrayList', 'integer')).toEqual({
      t: 'list',
      plain: [1],
    });
    expect(java('new ArrayList<>()', 'ArrayList')).toEqual({ t: 'list', plain: [] });
    expect(java('List.of(1)', 'ArrayList')).toEqual(str('List.of(1)'));
  });

  it('Array: the items between braces, empty ones dropped, else the text', () => {
    expect(java('new int[]{1, 2, 3}', 'Array', 'integer')).toEqual({ t: 'list', plain: [1, 2, 3] });
    expect(java('new String[] { "a" , "b" }', 'Array')).toEqual({ t: 'list', plain: ['a', 'b'] });
    expect(java('new int[]{1, , 2}', 'Array', 'integer')).toEqual({ t: 'list', plain: [1, 2] });
    expect(java('new int[]{}', 'Array', 'integer')).toEqual({ t: 'list', plain: [] });
    expect(java('new double[]{1.5, 2}', 'Array', 'double')).toEqual({ t: 'list', plain: [1.5, 2] });
    expect(java('{1, 2}', 'Array')).toEqual(str('{1, 2}'));
  });

  it('HashMap: its put calls, empty, else the text', () => {
    expect(
      java(
        'new HashMap<String, Object>() {{ put("a", 1); put("b", 2L); put("c", "x"); put("d", true); }}',
        'HashMap',
      ),
    ).toEqual({ t: 'dict', plain: { a: 1, b: 2, c: 'x', d: true } });
    expect(java('new HashMap<String, Integer>() {{\n  put("a",  3);\n}}', 'HashMap')).toEqual({
      t: 'dict',
      plain: { a: 3 },
    });
    expect(java('new HashMap<>()', 'HashMap')).toEqual({ t: 'dict', plain: {} });
    expect(java('Map.of()', 'HashMap')).toEqual(str('Map.of()'));
  });
});

describe('pythonNumber (int(), else float())', () => {
  it('reads what Python reads', () => {
    expect(typed(pythonNumber(' 12 '))).toEqual({ t: 'int', plain: 12 });
    expect(typed(pythonNumber('+3'))).toEqual({ t: 'int', plain: 3 });
    expect(typed(pythonNumber('-3'))).toEqual({ t: 'int', plain: -3 });
    expect(typed(pythonNumber('1.'))).toEqual({ t: 'float', plain: 1 });
    expect(typed(pythonNumber('.5'))).toEqual({ t: 'float', plain: 0.5 });
    expect(typed(pythonNumber('-2.5e2'))).toEqual({ t: 'float', plain: -250 });
    expect(typed(pythonNumber('1E+2'))).toEqual({ t: 'float', plain: 100 });
    expect(typed(pythonNumber('inf'))).toEqual({ t: 'float', plain: Infinity });
    expect(typed(pythonNumber('-Infinity'))).toEqual({ t: 'float', plain: -Infinity });
    expect(typed(pythonNumber('+INF'))).toEqual({ t: 'float', plain: Infinity });
    expect(pythonNumber('nan')?.t).toBe('float');
    expect(Number.isNaN(toPlain(pythonNumber('NaN')!))).toBe(true);
    expect(pythonNumber('abc')).toBeUndefined();
    expect(pythonNumber('1.2.3')).toBeUndefined();
    expect(pythonNumber('12a')).toBeUndefined();
    expect(pythonNumber('a12')).toBeUndefined();
    expect(pythonNumber('infinite')).toBeUndefined();
    expect(pythonNumber('')).toBeUndefined();
  });
});

describe('convertJsValue', () => {
  it('String drops one pair of matching quotes', () => {
    expect(js('"a b"', 'String')).toEqual(str('a b'));
    expect(js("'a'", 'String')).toEqual(str('a'));
    expect(js('a', 'String')).toEqual(str('a'));
    expect(js('"a', 'String')).toEqual(str('"a'));
    expect(js('a"', 'String')).toEqual(str('a"'));
    expect(js("'a", 'String')).toEqual(str("'a"));
    expect(js('"a\'', 'String')).toEqual(str('"a\''));
  });

  it('numbers and booleans', () => {
    expect(js('-5', 'integer')).toEqual({ t: 'int', plain: -5 });
    expect(js('5.0', 'integer')).toEqual(str('5.0'));
    expect(js('x5', 'integer')).toEqual(str('x5'));
    expect(js('2.5', 'float')).toEqual({ t: 'float', plain: 2.5 });
    expect(js('-2', 'float')).toEqual({ t: 'float', plain: -2 });
    expect(js('1e3', 'float')).toEqual(str('1e3'));
    expect(js('x2.5', 'float')).toEqual(str('x2.5'));
    expect(js('5n', 'Bigint')).toEqual({ t: 'int', plain: 5 });
    expect(js('-5n', 'Bigint')).toEqual({ t: 'int', plain: -5 });
    expect(js('5', 'Bigint')).toEqual(str('5'));
    expect(js('x5n', 'Bigint')).toEqual(str('x5n'));
    expect(js('true', 'Boolean')).toEqual({ t: 'bool', plain: true });
    expect(js('false', 'Boolean')).toEqual({ t: 'bool', plain: false });
    expect(js('yes', 'Boolean')).toEqual(str('yes'));
    expect(js('x', 'Object')).toEqual(str('x'));
  });

  it('dict: key/value pairs, arrays inside, quotes stripped; else the text', () => {
    expect(js(' {} ', 'dict')).toEqual({ t: 'dict', plain: {} });
    expect(js(`{a: 1, 'b': "x", "c": [1, 2], d: true, e: 2.5}`, 'dict')).toEqual({
      t: 'dict',
      plain: { a: 1, b: 'x', c: [1, 2], d: true, e: 2.5 },
    });
    expect(js("{name: 'Ann Lee'}", 'dict')).toEqual({ t: 'dict', plain: { name: 'Ann Lee' } });
    expect(js('{a: {}}', 'dict')).toEqual({ t: 'dict', plain: { a: '{' } });
    expect(js('oops', 'dict')).toEqual(str('oops'));
    expect(js('x {a: 1}', 'dict')).toEqual(str('x {a: 1}'));
  });

  it('array: one- and two-dimensional, literal or new Array(), items converted for the items type', () => {
    expect(js(' [1, "a", true, 2.5] ', 'array')).toEqual({ t: 'list', plain: [1, 'a', true, 2.5] });
    expect(js('[]', 'array')).toEqual({ t: 'list', plain: [] });
    expect(js('[ ]', 'array')).toEqual({ t: 'list', plain: [] });
    expect(js('new Array(1, 2)', 'array')).toEqual({ t: 'list', plain: [1, 2] });
    expect(js('new Array()', 'array')).toEqual({ t: 'list', plain: [] });
    expect(js('[[1, 2], [3, 4]]', 'array')).toEqual({
      t: 'list',
      plain: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(js('[[1, 2] , [3]]', 'array')).toEqual({ t: 'list', plain: [[1, 2], [3]] });
    expect(js("[['a'], ['b']]", 'array')).toEqual({ t: 'list', plain: [['a'], ['b']] });
    expect(js('new Array([1], [2])', 'array')).toEqual({ t: 'list', plain: [[1], [2]] });
    expect(js('[1, 2]', 'array', 'integer')).toEqual({ t: 'list', plain: [1, 2] });
    expect(js('[1.5]', 'array', 'integer')).toEqual({ t: 'list', plain: ['1.5'] });
    expect(js(`['a', "b"]`, 'array', 'String')).toEqual({ t: 'list', plain: ['a', 'b'] });
    expect(js('[a]', 'array', 'String')).toEqual({ t: 'list', plain: ['a'] });
    expect(js('oops', 'array')).toEqual(str('oops'));
    expect(js('x[1]', 'array')).toEqual(str('x[1]'));
  });
});
