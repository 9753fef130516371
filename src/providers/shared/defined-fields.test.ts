import { describe, expect, it } from 'vitest';
import { definedFields } from './defined-fields.ts';
import { finiteNumber } from './finite-number.ts';

describe('definedFields', () => {
  it('leaves out undefined fields and keeps the order of the rest (null and 0 are kept)', () => {
    const fields = definedFields({ temperature: 0, top_p: undefined, stop: ['x'], seed: null });
    expect(fields).toEqual({ temperature: 0, stop: ['x'], seed: null });
    expect(Object.keys(fields)).toEqual(['temperature', 'stop', 'seed']);
  });
});

describe('finiteNumber', () => {
  it('keeps finite numbers only', () => {
    expect([3, 0, Number.NaN, Number.POSITIVE_INFINITY, '4', null].map(finiteNumber)).toEqual([
      3,
      0,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
