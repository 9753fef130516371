// Mutation testing of the modules whose numbers users rely on (`npm run mutate [module …]`).
// Runs StrykerJS (vitest runner, TypeScript checker) over each module's files with its unit tests, then prints
// the mutation score per module against its target. Slow (tens of minutes for all modules on 2 cores): it is
// not part of `npm test`. `npm run mutate -- stats cost` runs only the named modules; `--no-typecheck` skips the
// TypeScript checker.
import { Stryker } from '@stryker-mutator/core';
import { writeFileSync, mkdirSync } from 'node:fs';

/** Module name → files to mutate (globs, relative to the repository root) and the score it must reach. */
const modules = {
  stats: { mutate: ['src/stats/**/*.ts'], target: 90 },
  scoring: {
    mutate: [
      'src/scoring/**/*.ts',
      '!src/scoring/sandbox/**',
      '!src/scoring/ifeval/language-common-words.ts',
    ],
    target: 90,
  },
  cost: { mutate: ['src/cost/**/*.ts', '!src/cost/catalog/**'], target: 90 },
  'benchmark-scorers': {
    mutate: ['src/benchmarks/*/*-scoring.ts', 'src/benchmarks/*/*-metrics.ts', 'src/benchmarks/*/*-shot*.ts'],
    target: 90,
  },
  'runner-cache-retry': {
    mutate: ['src/runner/cache-key.ts', 'src/runner/canonical-json.ts', 'src/runner/backoff-delay.ts'],
    target: 80,
  },
  'loadgen-schedule-metrics': {
    mutate: ['src/loadgen/arrival-schedule.ts', 'src/loadgen/load-random.ts', 'src/loadgen/step-metrics.ts'],
    target: 80,
  },
};

const notTests = ['!**/*.test.ts', '!**/*.d.ts', '!**/index.ts'];

const flags = process.argv.slice(2).filter((argument) => argument.startsWith('--'));
const asked = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
// --no-typecheck skips the TypeScript checker (faster; mutants that would not compile then count as killed
// by the tests instead of being discarded as compile errors).
const typecheck = !flags.includes('--no-typecheck');
const unknown = asked.filter((name) => !(name in modules));
if (unknown.length > 0) {
  console.error(
    `parity mutate: unknown module ${unknown.join(', ')} (known: ${Object.keys(modules).join(', ')})`,
  );
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(modules);

/** Killed and timed-out mutants count as detected; survivors and uncovered ones do not (Stryker's definition). */
function score(results) {
  const count = (status) => results.filter((result) => result.status === status).length;
  const detected = count('Killed') + count('Timeout');
  const undetected = count('Survived') + count('NoCoverage');
  return {
    detected,
    undetected,
    score: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected),
  };
}

const rows = [];
for (const name of names) {
  const module = modules[name];
  const reportDir = `reports/mutation/${name}`;
  mkdirSync(reportDir, { recursive: true });
  const stryker = new Stryker({
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutate.config.ts' },
    checkers: typecheck ? ['typescript'] : [],
    tsconfigFile: 'tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    mutate: [...module.mutate, ...notTests],
    reporters: ['clear-text', 'json', 'progress-append-only'],
    jsonReporter: { fileName: `${reportDir}/mutation.json` },
    clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
    concurrency: 2,
    timeoutMS: 10_000,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    ignoreStatic: true,
  });
  const results = await stryker.runMutationTest();
  const summary = score(results);
  rows.push({ name, ...summary, target: module.target });
  writeFileSync(`${reportDir}/summary.json`, JSON.stringify({ module: name, ...summary }, null, 2));
}

console.log('\nMutation score per module (killed + timeout) / (killed + timeout + survived + no coverage):');
for (const row of rows) {
  const status = row.score >= row.target ? 'meets' : 'BELOW';
  console.log(
    `  ${row.name.padEnd(26)} ${row.score.toFixed(1).padStart(5)}%  ` +
      `(${row.detected} detected, ${row.undetected} survived)  target ${row.target}%: ${status}`,
  );
}
