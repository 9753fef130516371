// Sandbox overhead: wall time to execute HumanEval's 164 canonical solutions (program = prompt + solution +
// tests, as scored) through bubblewrap beside the same bootstrap run directly (--unsafe-no-sandbox), one at a
// time and with one program per core. Prints figures; never fails. Skips with a reason when the data or
// bubblewrap is missing. Run alone: node --import tsx bench/sandbox-overhead.ts
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readHumanEvalProblems } from '../src/benchmarks/humaneval/index.ts';
import { humanEvalProgram } from '../src/benchmarks/humaneval/humaneval-program.ts';
import { createPythonExecutor } from '../src/scoring/sandbox/create-python-executor.ts';

const file = resolve(import.meta.dirname, '../../shared/datasets/humaneval/HumanEval.jsonl.gz');

async function timeAll(options: {
  isolation: 'bubblewrap' | 'none';
  parallelism: number;
  programs: string[];
}) {
  const executor = createPythonExecutor({
    isolation: options.isolation,
    timeoutMs: 3000,
    parallelism: options.parallelism,
    effectiveUid: process.geteuid?.() ?? 1000,
    monotonicMs: () => performance.now(),
  });
  const started = performance.now();
  const results = await Promise.all(options.programs.map((program) => executor.runPython(program)));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, passed: results.filter((result) => result.status === 'passed').length };
}

if (!existsSync(file) || !existsSync('/usr/bin/bwrap') || !existsSync('/usr/bin/python3')) {
  console.log(
    '\nsandbox overhead: skipped (needs ../shared/datasets/humaneval, /usr/bin/bwrap, /usr/bin/python3)',
  );
} else {
  const problems = await readHumanEvalProblems(file);
  const programs = problems.map((item) => humanEvalProgram(item.data, item.data.canonicalSolution));
  console.log(`\nsandbox overhead: ${programs.length} HumanEval canonical solutions`);
  await timeAll({ isolation: 'bubblewrap', parallelism: 1, programs: programs.slice(0, 10) }); // warm-up
  for (const parallelism of [1, availableParallelism()]) {
    const sandboxed = await timeAll({ isolation: 'bubblewrap', parallelism, programs });
    const direct = await timeAll({ isolation: 'none', parallelism, programs });
    const overheadMs = ((sandboxed.seconds - direct.seconds) * 1000 * parallelism) / programs.length;
    console.log(
      `  ${parallelism} at a time: sandboxed ${sandboxed.seconds.toFixed(2)} s (${sandboxed.passed} passed), ` +
        `unsandboxed ${direct.seconds.toFixed(2)} s (${direct.passed} passed); ` +
        `overhead ${overheadMs.toFixed(1)} ms per sample (per slot)`,
    );
  }
}
