/**
 * Runs EvalPlus's canonical solutions against every base and plus test in parity's sandbox and prints the tasks
 * that do not pass (docs/code-benchmarks.md, HumanEval+ and MBPP+). Slow (minutes): not part of `npm test`.
 *
 *   node --import tsx scripts/evalplus-canonical.ts [--data-dir ../shared/datasets] [--jobs 2]
 *        [--bench humaneval.plus,mbpp.plus] [--tasks HumanEval/0,Mbpp/2] [--unsafe-no-sandbox] [--sanitize]
 *
 * The solution is `prompt + canonical_solution`, run as EvalPlus's evaluate.py runs a `solution`. With --sanitize it
 * is the default protocol's reference reply (the same program in a ```python block) passed through the sanitizer,
 * as a model's reply is.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { humanEvalPlusBenchmark, mbppPlusBenchmark } from '../src/benchmarks/evalplus/index.ts';
import { humanEvalPlusInstruct } from '../src/benchmarks/evalplus/evalplus-protocols.ts';
import { scoreEvalPlusSolution } from '../src/benchmarks/evalplus/score-evalplus-solution.ts';
import { createPythonExecutor } from '../src/scoring/sandbox/create-python-executor.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve(import.meta.dirname, '../../shared/datasets') },
    jobs: { type: 'string', default: String(availableParallelism()) },
    bench: { type: 'string', default: 'humaneval.plus,mbpp.plus' },
    tasks: { type: 'string' },
    'unsafe-no-sandbox': { type: 'boolean', default: false },
    sanitize: { type: 'boolean', default: false },
  },
});
const source = createDirectorySourceForTests(values['data-dir']);
const executor = createPythonExecutor({
  isolation: values['unsafe-no-sandbox'] ? 'none' : 'bubblewrap',
  timeoutMs: 3000,
  parallelism: Number(values.jobs),
  effectiveUid: process.geteuid?.() ?? 1000,
  monotonicMs: () => performance.now(),
});
const wanted = values.tasks === undefined ? undefined : new Set(values.tasks.split(','));
const started = performance.now();
let failures = 0;
for (const benchmark of [humanEvalPlusBenchmark, mbppPlusBenchmark]) {
  if (!values.bench.split(',').includes(benchmark.id)) continue;
  const items = (await benchmark.loadItems(source)).filter((item) => wanted?.has(item.id) ?? true);
  const benchStarted = performance.now();
  let basePassed = 0;
  let plusPassed = 0;
  await Promise.all(
    items.map(async (item) => {
      const sanitize = values.sanitize;
      const solution = sanitize
        ? humanEvalPlusInstruct.referenceCompletion(item)
        : `${item.data.prompt}${item.data.canonicalSolution}`;
      const score = await scoreEvalPlusSolution(executor, item.data, solution, { sanitize });
      if (score.scores.base_passed === 1) basePassed++;
      if (score.scores.passed === 1) plusPassed++;
      else {
        failures++;
        console.log(`${item.id}: ${score.extracted ?? ''}\n`);
      }
    }),
  );
  const seconds = ((performance.now() - benchStarted) / 1000).toFixed(0);
  console.log(
    `${benchmark.id}: ${items.length} tasks, base ${basePassed}/${items.length}, base+plus ${plusPassed}/${items.length} (${seconds} s, ${values.jobs} jobs)`,
  );
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
executor.close();
process.exitCode = failures === 0 ? 0 : 1;
