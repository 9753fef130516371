import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` runs against each mutant: unit tests and the scorer checks on published outputs.
 * End-to-end tests (whole CLI processes from the bundle, sandboxed programs, a browser) are left out: they do not
 * run the mutated sources and would only slow each mutant down.
 */
// scripts/mutate.mjs names each module's own tests here (comma-separated globs, "!" in front of an exclusion), so a
// mutant of src/stats runs the statistics tests and not every test that happens to import a statistic.
// eslint-disable-next-line no-restricted-syntax -- tooling, not parity: the variable is set by scripts/mutate.mjs
const moduleTests = process.env.PARITY_MUTATE_TESTS?.split(',').filter((glob) => glob !== '');
const included = moduleTests?.filter((glob) => !glob.startsWith('!'));
const excluded = (moduleTests ?? []).filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));

export default defineConfig({
  test: {
    include: included ?? ['src/**/*.test.ts', 'test/score-*.test.ts'],
    exclude: ['src/scoring/sandbox/**', 'node_modules/**', ...excluded],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
