import { describe, expect, it } from 'vitest';
import type { CodeExecutor, ExecutionResult, Item } from '../../spec/index.ts';
import type { MbppData } from './mbpp-data.ts';

// The protocols and the shot prefix are built when their module loads. Each test below loads the module itself
// (dynamic import), so the mutation run attributes that construction to a test that checks it (decision 0302).
const data: MbppData = {
  taskId: 9,
  text: 'Add one.',
  code: 'def f(x): return x + 1',
  testList: ['assert f(1) == 2', 'assert f(2) == 3'],
  testSetupCode: 'import math',
  challengeTestList: [],
};
const item: Item<MbppData> = { id: '9', data };

/** An executor that records each program and answers with a fixed result (no Python runs in this test). */
function recordingExecutor(result: ExecutionResult): CodeExecutor & { programs: string[] } {
  const programs: string[] = [];
  return {
    isolation: 'bubblewrap',
    timeoutMs: 5000,
    programs,
    runPython(source: string) {
      programs.push(source);
      return Promise.resolve(result);
    },
  };
}

const passed: ExecutionResult = {
  status: 'passed',
  exitCode: 0,
  signal: null,
  durationMs: 3,
  outputTail: '',
};

describe('MBPP 3-shot protocol definitions', () => {
  it('mbpp.3shot and .extract fields; the three lm-eval shots before the task, and the raw completion run with the asserts', async () => {
    // This test checks everything the module builds when it loads: both protocols and the shot prefix.
    const { mbpp3shot, mbpp3shotExtract } = await import('./mbpp-3shot.ts');
    expect(mbpp3shot).toMatchObject({
      kind: 'execute',
      id: 'mbpp.3shot',
      version: 2,
      benchmark: 'mbpp',
      description:
        'MBPP 3-shot (lm-eval mbpp: task ids 2-4 as shots, [BEGIN]/[DONE], raw completion), pass@k by sandboxed execution',
      metrics: [{ name: 'pass@1', itemScore: 'passed', aggregate: 'mean', kind: 'proportion' }],
      passAtK: { itemScore: 'passed' },
    });
    expect(mbpp3shotExtract).toMatchObject({
      kind: 'execute',
      id: 'mbpp.parity.3shot.extract',
      version: 1,
      benchmark: 'mbpp',
      description:
        "MBPP 3-shot with parity's own code extraction and test_setup_code (not upstream), pass@k by sandboxed execution",
      metrics: [{ name: 'pass@1', itemScore: 'passed', aggregate: 'mean', kind: 'proportion' }],
      passAtK: { itemScore: 'passed' },
    });
    const content = mbpp3shot.buildRequest(item).messages[0]?.content ?? '';
    expect(
      content.startsWith(
        'You are an expert Python programmer, and here is your task: Write a function to find the similar elements from the given two tuple lists. Your code should pass these tests:\n\n' +
          'assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)\n',
      ),
    ).toBe(true);
    expect(content).toContain(
      '  largest_nums = hq.nlargest(n, nums)\r\n  return largest_nums\n[DONE]\n\nYou are an expert',
    );
    expect(content).toContain(
      '  return (res) \n[DONE]\n\nYou are an expert Python programmer, and here is your task: Write a python function to identify non-prime numbers.',
    );
    expect(
      content.endsWith(
        'here is your task: Add one. Your code should pass these tests:\n\nassert f(1) == 2\nassert f(2) == 3\n[BEGIN]\n',
      ),
    ).toBe(true);
    const executor = recordingExecutor(passed);
    expect(await mbpp3shot.scoreAsync(item, 'def f(x): return x + 1', { executor })).toEqual({
      scores: { passed: 1 },
      extracted: 'passed',
    });
    expect(executor.programs).toEqual(['def f(x): return x + 1\nassert f(1) == 2\nassert f(2) == 3']);
    expect(mbpp3shot.referenceCompletion(item)).toBe('def f(x): return x + 1');
  });

  it('mbpp.parity.3shot.extract: the extracted code runs with the setup code before the asserts', async () => {
    const { mbpp3shotExtract } = await import('./mbpp-3shot.ts');
    const executor = recordingExecutor({
      ...passed,
      status: 'failed',
      exitCode: 1,
      outputTail: 'AssertionError\n',
    });
    expect(await mbpp3shotExtract.scoreAsync(item, '\nx = 1\n```\ntrailing', { executor })).toEqual({
      scores: { passed: 0 },
      extracted: 'failed\nAssertionError',
    });
    expect(executor.programs).toEqual([
      'from __future__ import annotations\nx = 1\nimport math\nassert f(1) == 2\nassert f(2) == 3',
    ]);
    expect(mbpp3shotExtract.referenceCompletion(item)).toBe('def f(x): return x + 1');
  });
});
