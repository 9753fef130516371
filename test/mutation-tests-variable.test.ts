import { describe, expect, it } from 'vitest';
import { decodeModuleTests, encodeModuleTests } from '../scripts/mutation-tests-variable.mjs';

describe('the module test globs npm run mutate hands to vitest', () => {
  it('keeps a brace glob whole (its commas are not separators)', () => {
    const globs = [
      'src/benchmarks/**/*.test.ts',
      '!src/benchmarks/**/*-forgeries.test.ts',
      'src/evaluation/{summarize-scores,pass-at-k-summary}.test.ts',
    ];
    expect(decodeModuleTests(encodeModuleTests(globs))).toEqual({
      included: [
        'src/benchmarks/**/*.test.ts',
        'src/evaluation/{summarize-scores,pass-at-k-summary}.test.ts',
      ],
      excluded: ['src/benchmarks/**/*-forgeries.test.ts'],
    });
  });

  it('is undefined outside npm run mutate, so a plain run keeps its default tests', () => {
    expect(decodeModuleTests(undefined)).toBeUndefined();
  });
});
