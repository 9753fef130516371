import type { CodeExecutor, ExecutionResult, ItemScore, MetricSpec } from '../spec/index.ts';

/** Per-sample score key of code benchmarks: 1 passed, 0 failed or timed out, null when the sandbox failed. */
export const passedScore = 'passed';

/**
 * What is stored as `extracted` for an executed sample: the status, then the tail of its output, e.g.
 * "failed\nTraceback … AssertionError". A timed-out program says after how long.
 */
export function describeExecution(result: ExecutionResult, options: { timeoutMs: number }): string {
  const head = result.status === 'timed-out' ? `timed-out after ${options.timeoutMs} ms` : result.status;
  const tail = result.outputTail.trimEnd();
  return tail ? `${head}\n${tail}` : head;
}

/** Runs `program` through the executor and turns the outcome into an ItemScore (`passed` 1/0/null). */
export async function scoreProgram(
  executor: CodeExecutor,
  program: string,
  options: { timeoutMs?: number } = {},
): Promise<ItemScore> {
  const result = await executor.runPython(program, options);
  return {
    scores: { [passedScore]: executionPassed(result) },
    extracted: describeExecution(result, { timeoutMs: options.timeoutMs ?? executor.timeoutMs }),
  };
}

/** A program's 0/1 score: 1 passed, 0 failed or timed out, null when the sandbox could not run it. */
export function executionPassed(result: ExecutionResult): number | null {
  return result.status === 'passed' ? 1 : result.status === 'sandbox-error' ? null : 0;
}

/** The score a code protocol's synchronous `score` gives: unscored until the program has been run. */
export function unexecutedScore(code: string): ItemScore {
  return { scores: { [passedScore]: null }, extracted: code };
}

/** Metrics of code benchmarks: pass@1, the mean of `passed` (pass@k for k > 1 comes from `ExecuteProtocol.passAtK`). */
export const passAtOneMetrics: readonly MetricSpec[] = [
  { name: 'pass@1', itemScore: passedScore, aggregate: 'mean', kind: 'proportion' },
];
