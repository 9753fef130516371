import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` runs against each mutant: unit tests and the scorer checks on published outputs.
 * End-to-end tests (whole CLI processes from the bundle, sandboxed programs, a browser) are left out: they do not
 * run the mutated sources and would only slow each mutant down.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/score-*.test.ts'],
    exclude: ['src/scoring/sandbox/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
