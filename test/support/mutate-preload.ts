// Under `npm run mutate` only (vitest.mutate.config.ts): loads every file being mutated before each test file runs,
// outside any test. Their module-level code (constant tables, patterns built at load) then counts as static for
// every test file, as it did before the CLI loaded its commands lazily. Otherwise the first test that happens to
// load a module through `main()` (e.g. a `parity score` run in test/score-*.test.ts) is taken by Stryker as the
// only test covering that code, and a mutant of, say, a multiple-choice answer marker is run against that one
// test instead of being ignored as static (`ignoreStatic`) — decision 0285.
import { resolve } from 'node:path';

const files = (process.env.PARITY_MUTATE_FILES ?? '').split('\n').filter((file) => file !== '');
for (const file of files) await import(/* @vite-ignore */ resolve(file));
