// Mutation testing of the modules whose numbers users rely on (`npm run mutate [module …]`).
// Runs StrykerJS (vitest runner, TypeScript checker) over each module's files with its unit tests, then prints
// the mutation score per module against its target. Slow (tens of minutes for all modules on 2 cores): it is
// not part of `npm test`. `npm run mutate -- stats cost` runs only the named modules; `--no-typecheck` skips the
// TypeScript checker; `--concurrency N` sets the number of Stryker workers (default 1: the machine is shared).
// Each module runs in incremental mode (reports/mutation/<module>/incremental.json): a rerun tests only the
// mutants whose source or covering tests changed. `--full` ignores the incremental file.
// Every run, whole-module or partial (`--mutate`), keeps each mutated file's result with the sha256 of the source it
// mutated in docs/mutation-records/<module>.json (committed with the tests it measured). The table at the end
// prints each module's score assembled from those records, only when they cover every file of the module and no
// file changed since its run; so `npm run mutate -- --table` on a fresh clone says what the committed sources
// score, and which files need a new run. A whole-module run's own summary (reports/mutation/*/summary.json) is
// listed above it. `--collect <dir>` imports another checkout's records (and the older
// reports/mutation/*/partial/files.json), keeping the later result of each file, and prints the table.
import { Stryker } from '@stryker-mutator/core';
import { existsSync, readFileSync, writeFileSync, mkdirSync, symlinkSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, hostname } from 'node:os';
import { globSync } from 'tinyglobby';
import {
  assembleScore,
  assembledLine,
  mergeRecords,
  recordsFromReport,
  sourceSha256,
} from './mutation-partials.mjs';
import { encodeModuleTests } from './mutation-tests-variable.mjs';

/**
 * Module name → files to mutate (globs, relative to the repository root), the tests that state what they must
 * do, and the score it must reach.
 */
const modules = {
  // simulate-sequential-comparisons.ts is the seeded simulation harness of tests and bench/ (no figure users
  // see); its 1,000-comparison tests take minutes under Stryker's instrumentation, so they are left out too.
  // The confidence sequence they exercise is checked against reference values (reference-values.test.ts).
  stats: {
    mutate: ['src/stats/**/*.ts', '!src/stats/simulate-sequential-comparisons.ts'],
    tests: ['src/stats/**/*.test.ts', '!src/stats/simulate-sequential-comparisons.test.ts'],
    target: 90,
  },
  // src/scoring in two parts, measured separately: answer extraction and matching (every benchmark's numbers go
  // through it), and the IFEval instruction checkers with their tokenizers (a port of upstream's Python).
  'scoring-extraction': {
    mutate: ['src/scoring/*.ts', 'src/scoring/mtbench/**/*.ts'],
    tests: ['src/scoring/*.test.ts', 'src/scoring/mtbench/**/*.test.ts', 'test/score-*.test.ts'],
    target: 90,
  },
  'scoring-ifeval': {
    mutate: [
      'src/scoring/ifeval/**/*.ts',
      '!src/scoring/ifeval/language-common-words.ts',
      // The langdetect port is checked by agreement with Python langdetect on hundreds of texts, a test that
      // takes minutes under Stryker's instrumentation: it is left to `npm test`.
      '!src/scoring/ifeval/detect-language.ts',
      '!src/scoring/ifeval/langdetect-model.ts',
    ],
    tests: ['src/scoring/ifeval/**/*.test.ts', '!src/scoring/ifeval/detect-language.test.ts'],
    target: 90,
  },
  // Comparisons, run cost and the recommendation (moved out of cost and report, decision 0215).
  analysis: {
    mutate: ['src/analysis/**/*.ts'],
    tests: ['src/analysis/**/*.test.ts'],
    target: 80,
  },
  cost: {
    mutate: ['src/cost/**/*.ts', '!src/cost/catalog/**'],
    tests: ['src/cost/**/*.test.ts', 'src/analysis/run-cost-summary.test.ts'],
    target: 90,
  },
  // Every benchmark's answer extraction and scoring as it is after the redesign (decisions 0200, 0205): the named
  // extractors and matchers of declarative definitions and the definition compilers that apply them (generate:
  // accuracy 0/1; log-likelihood: argmax, per-character normalised), the hand-written protocols' own extraction
  // and scoring, and the evaluation code that turns item scores into a run's figures. simple-evals' multiple-choice
  // extraction (`src/scoring/extract-multiple-choice-answer.ts`, `answer-letter.ts`) is shared code in
  // `scoring-extraction`; its tests run here too, so a definition's use of it is checked from both sides.
  'benchmark-scorers': {
    mutate: [
      'src/benchmarks/*/*-scoring.ts',
      'src/benchmarks/*/*-metrics.ts',
      'src/benchmarks/*/*shot*.ts',
      'src/benchmarks/*/*-extract-*.ts',
      'src/benchmarks/ceval/ceval-normalize-answer.ts',
      'src/benchmarks/arc/arc-parity-cot.ts',
      'src/benchmarks/mtbench/mtbench-single.ts',
      'src/benchmarks/mtbench/mtbench-judgments.ts',
      'src/benchmarks/definition/{extractors,matchers,compile-generate,compile-loglikelihood,loglikelihood-choice,multiple-choice-variables}.ts',
      'src/benchmarks/truthfulqa/truthfulqa-mc*.ts',
      'src/benchmarks/xstest/xstest-{item-score,classifier,judge}.ts',
      'src/benchmarks/bfcl/{ast-checker,decode-calls,gold-calls,parse-py-literal,py-value,java-value,js-value}.ts',
      'src/benchmarks/evalplus/score-evalplus-solution.ts',
      'src/benchmarks/jsonschemabench/jsonschemabench-protocols.ts',
      'src/benchmarks/longctx/{longctx-ruler,longctx-summary,string-match-all}.ts',
      'src/benchmarks/humaneval/humaneval-{base,instruct}.ts',
      'src/evaluation/{summarize-scores,scored-units-summary,pass-at-k-summary}.ts',
    ],
    tests: [
      'src/benchmarks/**/*.test.ts',
      // The forgery tests attack the code sandbox, which is not in this module's scope; under Stryker's dry run on a
      // loaded machine one of their bubblewrap runs ended as a sandbox error twice (noted for the sandbox).
      '!src/benchmarks/**/*-forgeries.test.ts',
      'test/score-*.test.ts',
      'src/scoring/extract-multiple-choice-answer.test.ts',
      'src/scoring/answer-letter.test.ts',
      'src/evaluation/{summarize-scores,summarize-scores-intervals,scored-units-summary,pass-at-k-summary}.test.ts',
    ],
    target: 90,
  },
  'runner-cache-retry': {
    mutate: [
      'src/runner/cache-key.ts',
      'src/runner/shared-prefix-hash.ts',
      'src/runner/canonical-json.ts',
      'src/runner/backoff-delay.ts',
    ],
    tests: ['src/runner/**/*.test.ts'],
    target: 80,
  },
  'loadgen-schedule-metrics': {
    mutate: ['src/loadgen/arrival-schedule.ts', 'src/loadgen/load-random.ts', 'src/loadgen/step-metrics.ts'],
    tests: ['src/loadgen/**/*.test.ts'],
    target: 80,
  },
};

const notTests = ['!**/*.test.ts', '!**/*.d.ts', '!**/index.ts'];

const argv = process.argv.slice(2);
const concurrencyAt = argv.indexOf('--concurrency');
const concurrency = concurrencyAt >= 0 ? Number(argv[concurrencyAt + 1]) : 1;
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error('parity mutate: --concurrency takes a whole number of at least 1');
  process.exit(2);
}
// --mutate <glob> narrows one module's run to some of its files (a quicker look at one file's survivors). Such a
// partial run keeps Stryker's reports apart (reports/mutation/<module>/partial/); its files' records count like any.
const mutateAt = argv.indexOf('--mutate');
const narrowed = mutateAt >= 0 ? argv[mutateAt + 1] : undefined;
if (mutateAt >= 0 && (narrowed === undefined || narrowed.startsWith('--'))) {
  console.error(
    'parity mutate: --mutate takes a file or glob, e.g. --mutate src/stats/student-t-distribution.ts',
  );
  process.exit(2);
}
// --collect <dir> imports the per-file results of runs made in another checkout (e.g. a helper's worktree).
const collectAt = argv.indexOf('--collect');
const collectDir = collectAt >= 0 ? argv[collectAt + 1] : undefined;
if (collectAt >= 0 && (collectDir === undefined || collectDir.startsWith('--') || !existsSync(collectDir))) {
  console.error(
    'parity mutate: --collect takes the directory of another checkout, e.g. --collect ../wt-stats1',
  );
  process.exit(2);
}
const rest = argv.filter(
  (_, index) =>
    !(concurrencyAt >= 0 && index === concurrencyAt + 1) &&
    !(mutateAt >= 0 && index === mutateAt + 1) &&
    !(collectAt >= 0 && index === collectAt + 1),
);
const flags = rest.filter((argument) => argument.startsWith('--'));
const asked = rest.filter((argument) => !argument.startsWith('--'));
const known = new Set(['--no-typecheck', '--concurrency', '--full', '--table', '--mutate', '--collect']);
const unknownFlags = flags.filter((flag) => !known.has(flag));
if (unknownFlags.length > 0) {
  console.error(`parity mutate: unknown option ${unknownFlags.join(', ')} (known: ${[...known].join(', ')})`);
  process.exit(2);
}
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
// --table (and --collect) print the table of the last measurements without running anything.
const names =
  flags.includes('--table') || collectDir !== undefined
    ? []
    : asked.length > 0
      ? asked
      : Object.keys(modules);
if (narrowed !== undefined && names.length !== 1) {
  console.error(
    'parity mutate: --mutate narrows one module: name it, e.g. npm run mutate -- stats --mutate <file>',
  );
  process.exit(2);
}

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

/** Per-file results of a module's runs, committed: docs/mutation-records/<module>.json. */
function recordsFile(root, name) {
  return join(root, 'docs', 'mutation-records', `${name}.json`);
}
/** Where checkouts whose script predates docs/mutation-records kept partial runs' per-file results. */
function olderRecordsFile(root, name) {
  return join(root, 'reports', 'mutation', name, 'partial', 'files.json');
}
/** Records merged into the module's records file (sorted by path, so a commit shows only what changed). */
function saveRecords(name, incoming) {
  const target = recordsFile('.', name);
  mkdirSync(join('docs', 'mutation-records'), { recursive: true });
  const merged = mergeRecords(readRecords(target), incoming);
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((file) => [file, merged[file]]),
  );
  writeFileSync(target, `${JSON.stringify(sorted, null, 2)}\n`);
}
function readRecords(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

if (collectDir !== undefined) {
  let collected = 0;
  for (const name of Object.keys(modules)) {
    const partialDir = join(collectDir, 'reports', 'mutation', name, 'partial');
    if (!existsSync(partialDir) && !existsSync(recordsFile(collectDir, name))) continue;
    let incoming = mergeRecords(
      readRecords(olderRecordsFile(collectDir, name)),
      readRecords(recordsFile(collectDir, name)),
    );
    // A checkout whose script predates files.json has only its latest partial mutation.json (sources included):
    // its records are dated by the report file's modification time.
    const legacy = join(partialDir, 'mutation.json');
    if (Object.keys(incoming).length === 0 && existsSync(legacy)) {
      incoming = recordsFromReport(JSON.parse(readFileSync(legacy, 'utf8')), {
        date: statSync(legacy).mtime.toISOString(),
        machine: `collected from ${collectDir}`,
      });
    }
    saveRecords(name, incoming);
    collected += Object.keys(incoming).length;
    console.log(`collected ${Object.keys(incoming).length} file result(s) of ${name} from ${collectDir}`);
  }
  if (collected === 0) console.log(`nothing to collect in ${collectDir}`);
}

for (const name of names) {
  const module = modules[name];
  const reportDir = narrowed === undefined ? `reports/mutation/${name}` : `reports/mutation/${name}/partial`;
  mkdirSync(reportDir, { recursive: true });
  // Tests find the shared datasets at ../shared/datasets from the repository root (skipping when absent); from
  // Stryker's sandbox (.stryker-tmp/<module>/sandbox-…) that path is .stryker-tmp/<module>/shared.
  const tempDir = `.stryker-tmp/${name}`;
  mkdirSync(tempDir, { recursive: true });
  if (existsSync('../shared') && !existsSync(`${tempDir}/shared`))
    symlinkSync(resolve('../shared'), `${tempDir}/shared`);
  process.env.PARITY_MUTATE_TESTS = encodeModuleTests(module.tests);
  // The files being mutated are loaded before each test file (test/support/mutate-preload.ts, decision 0285).
  const mutatedFiles = globSync([...(narrowed === undefined ? module.mutate : [narrowed]), ...notTests]);
  process.env.PARITY_MUTATE_FILES = mutatedFiles.join('\n');
  // Sources as Stryker reads them, for the records of files that have no mutant (the report has the others').
  const extraFiles = Object.fromEntries(mutatedFiles.map((file) => [file, readFileSync(file, 'utf8')]));
  const stryker = new Stryker({
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutate.config.ts' },
    checkers: typecheck ? ['typescript'] : [],
    tsconfigFile: 'tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    mutate: narrowed === undefined ? [...module.mutate, ...notTests] : [narrowed, ...notTests],
    reporters: ['clear-text', 'json', 'progress-append-only'],
    jsonReporter: { fileName: `${reportDir}/mutation.json` },
    clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
    concurrency,
    incremental: true,
    incrementalFile: `${reportDir}/incremental.json`,
    force: flags.includes('--full'),
    timeoutMS: 10_000,
    dryRunTimeoutMinutes: 30,
    tempDirName: tempDir,
    ignorePatterns: ['.stryker-tmp', 'reports', 'dist', 'bench/.out', '.parity'],
    cleanTempDir: 'always',
    ignoreStatic: true,
  });
  const results = await stryker.runMutationTest();
  const summary = score(results);
  // Keep each file's result with the sha256 of the source it mutated, for the assembled score.
  const measuredAt = { date: new Date().toISOString(), machine: `${hostname()}, ${cpus().length} cores` };
  const report = JSON.parse(readFileSync(`${reportDir}/mutation.json`, 'utf8'));
  // Only the files this run mutated: an incremental report also carries other files' results from earlier runs.
  const files = Object.fromEntries(Object.entries(report.files ?? {}).filter(([file]) => file in extraFiles));
  const records = recordsFromReport({ ...report, files }, { ...measuredAt, extraFiles });
  saveRecords(name, records);
  if (narrowed !== undefined) {
    const detected = Object.values(records).reduce((sum, record) => sum + record.detected, 0);
    const undetected = Object.values(records).reduce((sum, record) => sum + record.undetected, 0);
    const percent = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
    console.log(
      `\n${name}, ${narrowed} only: ${percent.toFixed(1)}% (${detected} detected, ${undetected} survived)`,
    );
    continue;
  }
  writeFileSync(
    `${reportDir}/summary.json`,
    JSON.stringify({ module: name, ...summary, ...measuredAt }, null, 2),
  );
}

const rows = [];
for (const [name, module] of Object.entries(modules)) {
  const file = `reports/mutation/${name}/summary.json`;
  if (existsSync(file)) rows.push({ ...JSON.parse(readFileSync(file, 'utf8')), name, target: module.target });
}
const assembledRows = [];
for (const [name, module] of Object.entries(modules)) {
  const records = readRecords(recordsFile('.', name));
  if (Object.keys(records).length === 0) continue;
  const moduleFiles = globSync([...module.mutate, ...notTests]).sort();
  const currentSha256 = Object.fromEntries(
    moduleFiles.map((file) => [file, sourceSha256(readFileSync(file, 'utf8'))]),
  );
  assembledRows.push(
    assembledLine(name, module.target, assembleScore({ moduleFiles, records, currentSha256 })),
  );
}

console.log('\nMutation score per module (killed + timeout) / (killed + timeout + survived + no coverage):');
for (const row of rows) {
  const status = row.score >= row.target ? 'meets' : 'BELOW';
  console.log(
    `  ${row.name.padEnd(26)} ${row.score.toFixed(1).padStart(5)}%  ` +
      `(${row.detected} detected, ${row.undetected} survived)  target ${row.target}%: ${status}` +
      (row.date ? `  measured ${row.date.slice(0, 16)}Z` : ''),
  );
}
if (assembledRows.length > 0) {
  console.log(
    '\nAssembled from the latest run of each file (docs/mutation-records), shown only when the records cover every\n' +
      'file of the module and no file changed since its run:',
  );
  for (const line of assembledRows) console.log(line);
}
