/**
 * One parity process running one program in the sandbox, for tests that need several processes at once:
 *   node --import tsx test/support/run-python-main.ts '{"program":"…","guard":false,"uidBase":64700,"timeoutMs":20000}'
 * Prints the leased uids, then the ExecutionResult, as one JSON line each.
 */
import { createPythonExecutor } from '../../src/scoring/sandbox/create-python-executor.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  program: string;
  guard: boolean;
  uidBase: number;
  timeoutMs: number;
};
const executor = createPythonExecutor({
  isolation: 'bubblewrap',
  timeoutMs: options.timeoutMs,
  parallelism: 1,
  effectiveUid: process.geteuid?.() ?? 0,
  guard: options.guard,
  sandboxUidBase: options.uidBase,
  monotonicMs: () => performance.now(),
});
const result = await executor.runPython(options.program);
console.log(JSON.stringify({ uids: executor.sandboxUids(), result }));
