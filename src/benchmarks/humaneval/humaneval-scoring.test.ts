import { describe, expect, it } from 'vitest';
import type { CodeExecutor, ExecutionResult, Item, RunPythonOptions } from '../../spec/index.ts';
import {
  cleanBaseCompletion,
  humanEvalBase,
  humanEvalBaseCleaned,
  humanEvalStops,
} from './humaneval-base.ts';
import type { HumanEvalData } from './humaneval-data.ts';
import { extractInstructCode, humanEvalInstruct } from './humaneval-instruct.ts';

/** An executor that records the programs it is given and answers with a fixed result (no Python needed). */
function recordingExecutor(result: Partial<ExecutionResult> = {}) {
  const programs: { source: string; options: RunPythonOptions | undefined }[] = [];
  const executor: CodeExecutor = {
    isolation: 'bubblewrap',
    timeoutMs: 3000,
    runPython(source, options) {
      programs.push({ source, options });
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
  return { executor, programs };
}

const item: Item<HumanEvalData> = {
  id: 'HumanEval/0',
  data: {
    prompt: 'def one():\n',
    canonicalSolution: '    return 1\n',
    test: 'def check(candidate):\n    assert candidate() == 1',
    entryPoint: 'one',
  },
};

describe('humaneval.base and its cleaned variant', () => {
  it('the Codex stop sequences of lm-eval humaneval.yaml', () => {
    expect([...humanEvalStops]).toEqual(['\nclass', '\ndef', '\n#', '\nif', '\nprint']);
  });

  it('runs prompt + raw completion + the tests + check(entry point)', async () => {
    const { executor, programs } = recordingExecutor();
    const score = await humanEvalBase.scoreAsync(item, '```python\n▁▁▁▁return 1', { executor });
    expect(programs.map((program) => program.source)).toEqual([
      'def one():\n```python\n▁▁▁▁return 1\ndef check(candidate):\n    assert candidate() == 1\ncheck(one)',
    ]);
    expect(score).toEqual({ scores: { passed: 1 }, extracted: 'passed' });
  });

  it('a failed or unrunnable program scores 0 or null, with its output', async () => {
    const failed = recordingExecutor({ status: 'failed', exitCode: 1, outputTail: 'AssertionError\n' });
    expect(await humanEvalBase.scoreAsync(item, '    return 2', { executor: failed.executor })).toEqual({
      scores: { passed: 0 },
      extracted: 'failed\nAssertionError',
    });
    const broken = recordingExecutor({ status: 'sandbox-error' });
    expect((await humanEvalBaseCleaned.scoreAsync(item, '', { executor: broken.executor })).scores).toEqual({
      passed: null,
    });
  });

  it('the cleaned variant runs the cleaned completion', async () => {
    const { executor, programs } = recordingExecutor();
    await humanEvalBaseCleaned.scoreAsync(item, '```python\n\n▁▁▁▁return 1', { executor });
    expect(programs[0]?.source).toBe(
      'def one():\n\n    return 1\ndef check(candidate):\n    assert candidate() == 1\ncheck(one)',
    );
    expect(humanEvalBaseCleaned.score(item, '\n▁▁x').extracted).toBe('\n  x');
  });

  it('cleanBaseCompletion: only "```python" plus newline goes; only ▁ runs after a newline become spaces', () => {
    expect(cleanBaseCompletion('a```python\nb```python\nc')).toBe('abc');
    expect(cleanBaseCompletion('```python x')).toBe('```python x');
    expect(cleanBaseCompletion('▁x\n▁▁y\n▁z▁')).toBe('▁x\n  y\n z▁');
    expect(cleanBaseCompletion('\n▁\n▁▁▁')).toBe('\n \n   ');
  });

  it('describes itself and offers the canonical solution as reference', () => {
    for (const protocol of [humanEvalBase, humanEvalBaseCleaned]) {
      expect(protocol.kind).toBe('execute');
      expect(protocol.benchmark).toBe('humaneval');
      expect(protocol.metrics).toEqual([
        { name: 'pass@1', itemScore: 'passed', aggregate: 'mean', kind: 'proportion' },
      ]);
      expect(protocol.passAtK).toEqual({ itemScore: 'passed' });
      expect(protocol.referenceCompletion?.(item)).toBe('    return 1\n');
    }
    expect([humanEvalBase.id, humanEvalBase.version]).toEqual(['humaneval.base', 2]);
    expect([humanEvalBaseCleaned.id, humanEvalBaseCleaned.version]).toEqual([
      'humaneval.parity.base.cleaned',
      1,
    ]);
    expect(humanEvalBase.description).toContain('lm-eval humaneval, Codex stops, raw completion');
    expect(humanEvalBaseCleaned.description).toContain('not upstream');
  });
});

describe('humaneval.instruct', () => {
  it('prefilled: cut at each Codex stop sequence, then at a fence', () => {
    for (const stop of humanEvalStops) {
      expect(extractInstructCode(`    return 1${stop} x\n    y`, true)).toBe('    return 1');
    }
    expect(extractInstructCode('    return 1\n    # ok```tail', true)).toBe('    return 1\n    # ok');
    expect(extractInstructCode('    return 1', true)).toBe('    return 1');
  });

  it('not prefilled: the first whole fenced block (any language tag, spaces after it), else text before a fence', () => {
    expect(extractInstructCode('x\n```py3  \ndef one():\n    return 1\n```', false)).toBe(
      '\ndef one():\n    return 1\n',
    );
    expect(extractInstructCode('```\nA\n```', false)).toBe('\nA\n');
    expect(extractInstructCode('```c++\nA\n```', undefined)).toBe('\nA\n');
    expect(extractInstructCode('```my_lang-2\nA\n```', undefined)).toBe('\nA\n');
    // A tag followed by other text is no opening fence line.
    expect(extractInstructCode('```python x\nA\n```', false)).toBe('');
    expect(extractInstructCode('    return 1\n```\nok', false)).toBe('    return 1\n');
    expect(extractInstructCode('    return 1\n\ndef other():', false)).toBe('    return 1\n\ndef other():');
    // Prefilled continuations are not searched for a block.
    expect(extractInstructCode('    return 1\n```\n```python\nB\n```', true)).toBe('    return 1\n');
  });

  it('runs prompt + code + the tests + check(entry point)', async () => {
    const { executor, programs } = recordingExecutor();
    await humanEvalInstruct.scoreAsync(item, '    return 1\n```\nDone.', { executor, prefillApplied: true });
    await humanEvalInstruct.scoreAsync(item, 'Here:\n```python\ndef one():\n    return 1\n```', { executor });
    expect(programs.map((program) => program.source)).toEqual([
      'def one():\n    return 1\n\ndef check(candidate):\n    assert candidate() == 1\ncheck(one)',
      'def one():\n\ndef one():\n    return 1\n\ndef check(candidate):\n    assert candidate() == 1\ncheck(one)',
    ]);
    expect(humanEvalInstruct.score(item, '    return 1\n```', { prefillApplied: true })).toEqual({
      scores: { passed: null },
      extracted: '    return 1\n',
    });
    expect(humanEvalInstruct.score(item, 'a\n```python\nB\n```').extracted).toBe('\nB\n');
  });

  it('describes itself; its reference is the canonical solution closed by a fence', () => {
    expect([humanEvalInstruct.kind, humanEvalInstruct.id, humanEvalInstruct.version]).toEqual([
      'execute',
      'humaneval.instruct',
      1,
    ]);
    expect(humanEvalInstruct.benchmark).toBe('humaneval');
    expect(humanEvalInstruct.description).toContain('lm-eval humaneval_instruct');
    expect(humanEvalInstruct.passAtK).toEqual({ itemScore: 'passed' });
    expect(humanEvalInstruct.metrics.map((metric) => metric.name)).toEqual(['pass@1']);
    expect(humanEvalInstruct.referenceCompletion?.(item)).toBe('    return 1\n\n```');
  });
});
