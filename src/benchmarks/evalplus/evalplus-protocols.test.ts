import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { EvalPlusData } from './evalplus-data.ts';
import {
  humanEvalPlusBase,
  humanEvalPlusInstruct,
  mbppPlusBase,
  mbppPlusInstruct,
} from './evalplus-protocols.ts';

const item: Item<EvalPlusData> = {
  id: 'HumanEval/53',
  data: {
    dataset: 'humaneval',
    taskId: 'HumanEval/53',
    prompt:
      '\n\ndef add(x: int, y: int):\n    """Add two numbers x and y\n    >>> add(2, 3)\n    5\n    """\n\n',
    entryPoint: 'add',
    canonicalSolution: '\n    return x + y\n',
    atol: 0,
    baseInputJson: '[[0, 1]]',
    plusInputJson: '[[-1, 1]]',
  },
};

describe('humaneval.plus.instruct (EvalPlus codegen, OpenAI backend)', () => {
  it('sends the instruction and the stripped prompt in a ```python block, 768 tokens, top-p 0.95, greedy', () => {
    expect(humanEvalPlusInstruct.buildRequest(item)).toEqual({
      messages: [
        {
          role: 'user',
          content:
            'Please provide a self-contained Python script that solves the following problem in a markdown code block:\n```python\ndef add(x: int, y: int):\n    """Add two numbers x and y\n    >>> add(2, 3)\n    5\n    """\n```',
        },
      ],
      parameters: { temperature: 0, topP: 0.95, maxTokens: 768 },
    });
    expect(mbppPlusInstruct.buildRequest(item)).toEqual(humanEvalPlusInstruct.buildRequest(item));
  });

  it('reports the plus score first, then the base score, as pass@k', () => {
    expect(humanEvalPlusInstruct.passAtK).toEqual({
      itemScore: 'passed',
      also: [{ itemScore: 'base_passed', prefix: 'base_' }],
    });
    expect(humanEvalPlusInstruct.metrics.map((metric) => metric.name)).toEqual(['pass@1', 'base_pass@1']);
  });

  it('leaves replies unscored until the program ran; the reference reply is the canonical program in a block', () => {
    expect(humanEvalPlusInstruct.score(item, 'text')).toEqual({
      scores: { passed: null },
      extracted: 'text',
    });
    expect(humanEvalPlusInstruct.referenceCompletion(item)).toBe(
      '```python\n\n\ndef add(x: int, y: int):\n    """Add two numbers x and y\n    >>> add(2, 3)\n    5\n    """\n\n\n    return x + y\n\n```\n',
    );
  });
});

describe('humaneval.plus.base and mbpp.plus.base (EvalPlus direct completion)', () => {
  it('sends the stripped prompt and a newline with EvalPlus EOS and the data set stops', () => {
    expect(humanEvalPlusBase.buildRequest(item)).toEqual({
      messages: [
        {
          role: 'user',
          content:
            'def add(x: int, y: int):\n    """Add two numbers x and y\n    >>> add(2, 3)\n    5\n    """\n',
        },
      ],
      parameters: {
        temperature: 0,
        maxTokens: 768,
        stop: [
          '<|endoftext|>',
          '<|endofmask|>',
          '</s>',
          '\nif __name__',
          '\ndef main(',
          '\nprint(',
          '\ndef ',
          '\nclass ',
          '\nimport ',
          '\nfrom ',
          '\nassert ',
        ],
      },
    });
    expect(mbppPlusBase.buildRequest(item).parameters.stop).toEqual([
      '<|endoftext|>',
      '<|endofmask|>',
      '</s>',
      '\nif __name__',
      '\ndef main(',
      '\nprint(',
      '\n"""',
      '\nassert',
    ]);
  });

  it('runs prompt + completion with tabs as four spaces', () => {
    expect(humanEvalPlusBase.score(item, '\treturn x + y').extracted).toBe(
      'def add(x: int, y: int):\n    """Add two numbers x and y\n    >>> add(2, 3)\n    5\n    """\n    return x + y',
    );
  });
});
