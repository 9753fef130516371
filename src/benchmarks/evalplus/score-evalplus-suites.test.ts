import { describe, expect, it } from 'vitest';
import type { CodeExecutor, ExecutionResult, RunPythonOptions } from '../../spec/index.ts';
import type { EvalPlusData } from './evalplus-data.ts';
import { evalPlusProgram } from './evalplus-program.ts';
import { evalPlusScoreKeys, scoreEvalPlusSolution } from './score-evalplus-solution.ts';

/**
 * The order and outcome logic of evaluate.py check_correctness (base suite, then plus only when base passed),
 * with an executor that answers each suite from a script: no sandbox needed.
 */
function scriptedExecutor(results: Partial<ExecutionResult>[]) {
  const calls: { source: string; options: RunPythonOptions | undefined }[] = [];
  const executor: CodeExecutor = {
    isolation: 'bubblewrap',
    timeoutMs: 1000,
    runPython(source, options) {
      const result = results[calls.length] ?? {};
      calls.push({ source, options });
      return Promise.resolve({
        status: 'passed',
        exitCode: 0,
        signal: null,
        durationMs: 1,
        outputTail: '',
        ...result,
      });
    },
  };
  return { executor, calls };
}

const data: EvalPlusData = {
  dataset: 'humaneval',
  taskId: 'HumanEval/0',
  prompt: 'def f(x):\n',
  entryPoint: 'f',
  canonicalSolution: '    return x\n',
  atol: 0,
  baseInputJson: '[[1]]',
  plusInputJson: '[[1], [2]]',
};
const solution = 'def f(x):\n    return x\n';
/** EvalPlus's limits: 4 GiB address space; a wall clock of 120 s + the 60 s suite limit + 2 s. */
const limits = { addressSpaceBytes: 4294967296, timeoutMs: 182000 };

describe('scoreEvalPlusSolution', () => {
  it('names its score keys: passed (base and plus) and base_passed', () => {
    expect(evalPlusScoreKeys).toEqual({ plus: 'passed', base: 'base_passed' });
  });

  it('runs the base suite, then the plus suite, each with EvalPlus limits', async () => {
    const { executor, calls } = scriptedExecutor([{}, {}]);
    const score = await scoreEvalPlusSolution(executor, data, solution, { sanitize: true });
    expect(calls).toEqual([
      { source: evalPlusProgram(data, 'base', solution, { sanitize: true }), options: limits },
      { source: evalPlusProgram(data, 'plus', solution, { sanitize: true }), options: limits },
    ]);
    expect(score).toEqual({ scores: { passed: 1, base_passed: 1 }, extracted: 'base: passed\nplus: passed' });
  });

  it('base passed, plus failed: plus 0, base 1, both outcomes described', async () => {
    const { executor } = scriptedExecutor([
      { outputTail: 'ok\n' },
      { status: 'failed', outputTail: 'input 2\n' },
    ]);
    expect(await scoreEvalPlusSolution(executor, data, solution, { sanitize: false })).toEqual({
      scores: { passed: 0, base_passed: 1 },
      extracted: 'base: passed\nok\nplus: failed\ninput 2',
    });
  });

  it('a plus suite the sandbox could not run leaves the plus score unscored', async () => {
    const { executor } = scriptedExecutor([{}, { status: 'sandbox-error' }]);
    expect((await scoreEvalPlusSolution(executor, data, solution, { sanitize: false })).scores).toEqual({
      passed: null,
      base_passed: 1,
    });
  });

  it('base failed or timed out: both 0 and the plus suite not run', async () => {
    const failed = scriptedExecutor([{ status: 'failed', outputTail: 'AssertionError' }]);
    expect(await scoreEvalPlusSolution(failed.executor, data, solution, { sanitize: false })).toEqual({
      scores: { passed: 0, base_passed: 0 },
      extracted: 'base: failed\nAssertionError\nplus: not run',
    });
    expect(failed.calls).toHaveLength(1);
    const slow = scriptedExecutor([{ status: 'timed-out' }]);
    expect(await scoreEvalPlusSolution(slow.executor, data, solution, { sanitize: false })).toEqual({
      scores: { passed: 0, base_passed: 0 },
      extracted: 'base: timed-out after 182000 ms\nplus: not run',
    });
  });

  it('base not runnable: both unscored, plus not run', async () => {
    const broken = scriptedExecutor([{ status: 'sandbox-error', outputTail: 'bwrap: no' }]);
    expect(await scoreEvalPlusSolution(broken.executor, data, solution, { sanitize: false })).toEqual({
      scores: { passed: null, base_passed: null },
      extracted: 'base: sandbox-error\nbwrap: no\nplus: not run',
    });
    expect(broken.calls).toHaveLength(1);
  });
});
