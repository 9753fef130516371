import { describeExecution, executionPassed } from '../../scoring/execution-score.ts';
import type { CodeExecutor, ExecutionResult, ItemScore } from '../../spec/index.ts';
import type { EvalPlusData } from './evalplus-data.ts';
import { evalPlusAddressSpaceBytes, evalPlusProgramTimeoutMs } from './evalplus-limits.ts';
import { evalPlusProgram } from './evalplus-program.ts';

/** Item score keys: `passed` = base and plus tests (EvalPlus's "+" score, the headline), `base_passed` = base tests. */
export const evalPlusScoreKeys = { plus: 'passed', base: 'base_passed' } as const;

function describe(result: ExecutionResult): string {
  return describeExecution(result, { timeoutMs: evalPlusProgramTimeoutMs });
}

/**
 * Runs EvalPlus's base suite, then — when it passed — the plus suite, each in its own sandboxed program, as
 * evaluate.py `check_correctness` (lines 79-124) runs two `untrusted_check`s. A solution counts for the "+" score
 * only when both passed (evaluate.py lines 319-327), so the plus suite of a solution that failed the base one is
 * not run. A sandbox error leaves the score unscored (null), never wrong.
 */
export async function scoreEvalPlusSolution(
  executor: CodeExecutor,
  data: EvalPlusData,
  solution: string,
  options: { sanitize: boolean },
): Promise<ItemScore> {
  const run = (suite: 'base' | 'plus') =>
    executor.runPython(evalPlusProgram(data, suite, solution, options), {
      addressSpaceBytes: evalPlusAddressSpaceBytes,
      timeoutMs: evalPlusProgramTimeoutMs,
    });
  const base = await run('base');
  const basePassed = executionPassed(base);
  if (basePassed !== 1) {
    return {
      scores: { [evalPlusScoreKeys.plus]: basePassed, [evalPlusScoreKeys.base]: basePassed },
      extracted: `base: ${describe(base)}\nplus: not run`,
    };
  }
  const plus = await run('plus');
  return {
    scores: { [evalPlusScoreKeys.plus]: executionPassed(plus), [evalPlusScoreKeys.base]: 1 },
    extracted: `base: ${describe(base)}\nplus: ${describe(plus)}`,
  };
}
