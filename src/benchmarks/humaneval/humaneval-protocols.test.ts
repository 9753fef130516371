import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { cleanBaseCompletion, humanEvalBase, humanEvalBaseCleaned } from './humaneval-base.ts';
import type { HumanEvalData } from './humaneval-data.ts';
import { extractInstructCode, humanEvalInstruct } from './humaneval-instruct.ts';

const item: Item<HumanEvalData> = {
  id: 'test/0',
  data: {
    prompt: 'def return1():\n',
    canonicalSolution: '    return 1',
    test: 'def check(candidate):\n    assert candidate() == 1',
    entryPoint: 'return1',
  },
};

describe('humaneval.base', () => {
  it('sends the prompt verbatim with the Codex stops, 1024 tokens, greedy', () => {
    expect(humanEvalBase.buildRequest(item)).toEqual({
      messages: [{ role: 'user', content: 'def return1():\n' }],
      parameters: { temperature: 0, maxTokens: 1024, stop: ['\nclass', '\ndef', '\n#', '\nif', '\nprint'] },
    });
  });

  it("leaves completions unscored until executed; parity's own clean-up helper", () => {
    expect(cleanBaseCompletion('```python\n    x = 1\n▁▁▁▁return x')).toBe('    x = 1\n    return x');
    expect(humanEvalBase.score(item, '    return 1')).toEqual({
      scores: { passed: null },
      extracted: '    return 1',
    });
  });

  it('keeps the raw completion, as lm-eval build_predictions (prompt + response) does: no clean-up', () => {
    const fenced = '```python\n    x = 1\n▁▁▁▁return x';
    expect(humanEvalBase.score(item, fenced).extracted).toBe(fenced);
  });
});

describe("humaneval.parity.base.cleaned (parity's own variant)", () => {
  it('sends the same request as humaneval.base and cleans the completion before running it', () => {
    expect(humanEvalBaseCleaned.buildRequest(item)).toEqual(humanEvalBase.buildRequest(item));
    expect(humanEvalBaseCleaned.score(item, '```python\n    x = 1\n▁▁▁▁return x').extracted).toBe(
      '    x = 1\n    return x',
    );
    expect(humanEvalBaseCleaned.id).not.toBe(humanEvalBase.id);
  });
});

describe('humaneval.instruct', () => {
  it('asks for a solution in a code block and prefills the reply with the prompt', () => {
    expect(humanEvalInstruct.buildRequest(item)).toEqual({
      messages: [
        {
          role: 'user',
          content:
            'Write a solution to the following problem and make sure that it passes the tests:\n```python\ndef return1():\n\n```\n',
        },
      ],
      parameters: { temperature: 0, maxTokens: 1024 },
      assistantPrefix: 'Here is the completed function:\n```python\ndef return1():\n\n',
    });
  });

  it('cuts a prefilled continuation at the first stop sequence or fence', () => {
    expect(extractInstructCode('    return 1\n```\nThis works.', true)).toBe('    return 1\n');
    expect(extractInstructCode('    return 1\n\nprint(return1())\n```', true)).toBe('    return 1\n');
  });

  it('takes the first code block of a whole reply, and the text before a fence otherwise', () => {
    const reply = 'Sure!\n```python\ndef return1():\n    return 1\n```\nMore:\n```python\nx = 2\n```';
    expect(extractInstructCode(reply, false)).toBe('\ndef return1():\n    return 1\n');
    expect(extractInstructCode('    return 1\n```', undefined)).toBe('    return 1\n');
    expect(extractInstructCode(humanEvalInstruct.referenceCompletion(item), undefined)).toBe(
      '    return 1\n',
    );
  });
});
