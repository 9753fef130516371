import { describe, expect, it } from 'vitest';
import type { CodeExecutor, ExecutionResult } from '../spec/index.ts';
import { describeExecution, passedScore, scoreProgram, unexecutedScore } from './execution-score.ts';

const result = (status: ExecutionResult['status'], outputTail = ''): ExecutionResult => ({
  status,
  exitCode: status === 'passed' ? 0 : 1,
  signal: null,
  durationMs: 5,
  outputTail,
});

/** An executor that answers with a fixed result and records the programs it was given. */
function fixedExecutor(answer: ExecutionResult): CodeExecutor & { programs: string[] } {
  const programs: string[] = [];
  return {
    isolation: 'bubblewrap',
    timeoutMs: 3000,
    programs,
    runPython: async (source) => {
      programs.push(source);
      return answer;
    },
  };
}

describe('scoreProgram', () => {
  it('scores 1 for passed, 0 for failed or timed out, null when the sandbox failed', async () => {
    const passed = fixedExecutor(result('passed'));
    expect(await scoreProgram(passed, 'assert 1')).toEqual({ scores: { passed: 1 }, extracted: 'passed' });
    expect(passed.programs).toEqual(['assert 1']);
    expect(await scoreProgram(fixedExecutor(result('failed', 'AssertionError\n\n')), 'p')).toEqual({
      scores: { passed: 0 },
      extracted: 'failed\nAssertionError',
    });
    expect(await scoreProgram(fixedExecutor(result('timed-out')), 'p')).toEqual({
      scores: { passed: 0 },
      extracted: 'timed-out after 3000 ms',
    });
    expect((await scoreProgram(fixedExecutor(result('sandbox-error', 'bwrap: no')), 'p')).scores).toEqual({
      passed: null,
    });
  });

  it('describes a run by its status and the end of its output, leading spaces kept', () => {
    expect(describeExecution(result('failed', '  File "x", line 1\n'), { timeoutMs: 10 })).toBe(
      'failed\n  File "x", line 1',
    );
  });

  it('leaves code unscored until it has run', () => {
    expect(passedScore).toBe('passed');
    expect(unexecutedScore('x = 1')).toEqual({ scores: { passed: null }, extracted: 'x = 1' });
  });
});
