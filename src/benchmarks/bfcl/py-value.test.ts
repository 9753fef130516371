import { describe, expect, it } from 'vitest';
import { parsePyLiteral } from './parse-py-literal.ts';
import {
  pyBool,
  pyDict,
  pyEquals,
  pyFloat,
  pyFloatRepr,
  pyIn,
  pyInt,
  pyItems,
  pyJsonDumps,
  pyList,
  pyStr,
  type PyValue,
} from './py-value.ts';

/** Expected values are what CPython 3 prints for the same expressions (`==`, `in`, `repr`, `json.dumps`). */
const lit = parsePyLiteral;

describe("pyEquals (Python's ==)", () => {
  it('compares numbers by value across int, float and bool', () => {
    expect(pyEquals(pyInt(1), pyFloat(1))).toBe(true);
    expect(pyEquals(pyBool(true), pyInt(1))).toBe(true);
    expect(pyEquals(pyBool(false), pyFloat(0))).toBe(true);
    expect(pyEquals(pyInt(2), pyBool(true))).toBe(false);
    expect(pyEquals(pyInt(1), pyStr('1'))).toBe(false);
    expect(pyEquals(pyStr('1'), pyInt(1))).toBe(false);
    expect(pyEquals(pyInt(1), pyInt(2))).toBe(false);
  });

  it('compares strings, None, lists, tuples and dicts structurally', () => {
    expect(pyEquals(pyStr('a'), pyStr('a'))).toBe(true);
    expect(pyEquals(pyStr('a'), pyStr('A'))).toBe(false);
    expect(pyEquals({ t: 'none' }, { t: 'none' })).toBe(true);
    expect(pyEquals({ t: 'none' }, pyStr(''))).toBe(false);
    expect(pyEquals(lit('[1, [2.0]]'), lit('[1.0, [2]]'))).toBe(true);
    expect(pyEquals(lit('[1, 2]'), lit('[1, 3]'))).toBe(false);
    expect(pyEquals(lit('[1, 2]'), lit('[1]'))).toBe(false);
    expect(pyEquals(lit('[1]'), lit('[1, 2]'))).toBe(false);
    expect(pyEquals(lit('[1, 2]'), lit('(1, 2)'))).toBe(false);
    expect(pyEquals(lit('(1, 2)'), lit('(1, 2)'))).toBe(true);
    expect(pyEquals(lit('{"a": 1, "b": 2}'), lit('{"b": 2.0, "a": 1}'))).toBe(true);
    expect(pyEquals(lit('{"a": 1}'), lit('{"a": 2}'))).toBe(false);
    expect(pyEquals(lit('{"a": 1}'), lit('{"b": 1}'))).toBe(false);
    expect(pyEquals(lit('{"a": 1}'), lit('{"a": 1, "b": 2}'))).toBe(false);
    expect(pyEquals(lit('{"a": 1, "b": 2}'), lit('{"a": 1}'))).toBe(false);
    expect(pyEquals(lit('{"a": None}'), lit('{"a": None}'))).toBe(true);
  });

  it('in: any candidate equal', () => {
    expect(pyIn(pyInt(2), [pyStr('2'), pyFloat(2)])).toBe(true);
    expect(pyIn(pyInt(2), [pyStr('2')])).toBe(false);
    expect(pyIn(pyInt(2), [])).toBe(false);
  });
});

describe('pyItems', () => {
  it('lists and tuples give their items, a string its characters, anything else nothing', () => {
    expect(pyItems(lit('[1, 2]'))).toEqual([pyInt(1), pyInt(2)]);
    expect([...(pyItems(lit('(1,)')) ?? [])]).toEqual([pyInt(1)]);
    expect(pyItems(pyStr('ab'))).toEqual([pyStr('a'), pyStr('b')]);
    expect(pyItems(pyStr(''))).toEqual([]);
    expect(pyItems(pyInt(1))).toBeUndefined();
    expect(pyItems(lit('{}'))).toBeUndefined();
  });
});

describe("pyFloatRepr (Python's repr of a float)", () => {
  it('prints the shortest digits, with .0 for whole numbers', () => {
    expect(pyFloatRepr(0.1)).toBe('0.1');
    expect(pyFloatRepr(2)).toBe('2.0');
    expect(pyFloatRepr(-2)).toBe('-2.0');
    expect(pyFloatRepr(1234.5)).toBe('1234.5');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(0.00012)).toBe('0.00012');
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pyFloatRepr(9999999999999998)).toBe('9999999999999998.0');
    expect(pyFloatRepr(123.456)).toBe('123.456');
  });

  it('switches to exponent form below 1e-4 and from 1e16', () => {
    expect(pyFloatRepr(1e-5)).toBe('1e-05');
    expect(pyFloatRepr(1.5e-7)).toBe('1.5e-07');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(1.2345e20)).toBe('1.2345e+20');
    expect(pyFloatRepr(-2.5e-10)).toBe('-2.5e-10');
    expect(pyFloatRepr(1e100)).toBe('1e+100');
    expect(pyFloatRepr(5e-324)).toBe('5e-324');
  });

  it('zero, negative zero and the non-finite values (as json.dumps writes them)', () => {
    expect(pyFloatRepr(0)).toBe('0.0');
    expect(pyFloatRepr(-0)).toBe('-0.0');
    expect(pyFloatRepr(Number.NaN)).toBe('NaN');
    expect(pyFloatRepr(Infinity)).toBe('Infinity');
    expect(pyFloatRepr(-Infinity)).toBe('-Infinity');
  });
});

describe('pyJsonDumps (json.dumps, ensure_ascii)', () => {
  const doc: PyValue = pyDict(
    new Map<string, PyValue>([
      ['a', pyList([pyInt(1), pyFloat(2.5), pyBool(true), pyBool(false), { t: 'none' }])],
      ['é', pyStr('ü\u007f~😀')],
      ['e', pyList([])],
      ['d', pyDict(new Map())],
      ['t', { t: 'tuple', v: [pyFloat(3)] }],
    ]),
  );

  it('one line with ", " and ": " without indent', () => {
    expect(pyJsonDumps(doc)).toBe(
      '{"a": [1, 2.5, true, false, null], "\\u00e9": "\\u00fc\\u007f~\\ud83d\\ude00", "e": [], "d": {}, "t": [3.0]}',
    );
  });

  it('one item a line with indent', () => {
    expect(pyJsonDumps(doc, 2)).toBe(
      [
        '{',
        '  "a": [',
        '    1,',
        '    2.5,',
        '    true,',
        '    false,',
        '    null',
        '  ],',
        '  "\\u00e9": "\\u00fc\\u007f~\\ud83d\\ude00",',
        '  "e": [],',
        '  "d": {},',
        '  "t": [',
        '    3.0',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(pyJsonDumps(pyStr('q"\\'), 4)).toBe('"q\\"\\\\"');
  });
});
