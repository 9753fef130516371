import { defineConfig } from 'vitest/config';
import { decodeModuleTests } from './scripts/mutation-tests-variable.mjs';

/**
 * The tests `npm run mutate` runs against each mutant: unit tests and the scorer checks on published outputs.
 * End-to-end tests (whole CLI processes from the bundle, sandboxed programs, a browser) are left out: they do not
 * run the mutated sources and would only slow each mutant down.
 */
// scripts/mutate.mjs names each module's own tests here (scripts/mutation-tests-variable.mjs), so a mutant of
// src/stats runs the statistics tests and not every test that happens to import a statistic.
// eslint-disable-next-line no-restricted-syntax -- tooling, not parity: the variable is set by scripts/mutate.mjs
const moduleTests = decodeModuleTests(process.env.PARITY_MUTATE_TESTS);

export default defineConfig({
  test: {
    include: moduleTests?.included ?? ['src/**/*.test.ts', 'test/score-*.test.ts'],
    setupFiles: ['test/support/mutate-preload.ts'],
    exclude: ['src/scoring/sandbox/**', 'node_modules/**', ...(moduleTests?.excluded ?? [])],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
