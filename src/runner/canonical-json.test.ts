import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('writes equal values the same whatever the key order', () => {
    expect(canonicalJson({ x: 'é"\n', n: -0.5 })).toBe(canonicalJson({ n: -0.5, x: 'é"\n' }));
  });

  it('keeps array order and writes undefined entries as null', () => {
    expect(canonicalJson([2, undefined, 1])).toBe('[2,null,1]');
  });

  it('writes no stray comma when the first keys are undefined, and empty containers as JSON', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: [], d: {}, e: undefined })).toBe('{"b":1,"c":[],"d":{}}');
    expect(canonicalJson({ z: undefined })).toBe('{}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/value\.a is NaN/);
    expect(() => canonicalJson({ a: [() => 1] })).toThrow(/value\.a\[0\] is a function/);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1, b: [{ c: 'x' }, { d: Infinity }] })).toThrow(
      /value\.b\[1\]\.d is Infinity/,
    );
  });

  it('names the value JSON cannot hold past nulls, booleans, undefined properties and undefined entries before it', () => {
    // The message names the one bad value: whatever comes before it (sorted keys, earlier entries) is writable.
    expect(() => canonicalJson({ a: null, b: true, c: undefined, d: Infinity })).toThrow(
      /^canonicalJson: value\.d is Infinity, not a finite number$/,
    );
    expect(() => canonicalJson([undefined, null, false, 'x', -Infinity])).toThrow(
      /^canonicalJson: value\[4\] is -Infinity, not a finite number$/,
    );
    expect(() => canonicalJson({ outer: { inner: Symbol('s') } })).toThrow(
      /^canonicalJson: value\.outer\.inner is a symbol, which JSON cannot hold$/,
    );
    expect(() => canonicalJson(undefined)).toThrow(/^canonicalJson: value is a undefined/);
    // Of several, the first in key order (keys sorted as when writing) is named.
    expect(() => canonicalJson({ b: Number.NaN, a: Infinity })).toThrow(
      /^canonicalJson: value\.a is Infinity/,
    );
  });
});
