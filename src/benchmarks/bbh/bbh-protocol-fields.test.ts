import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { BbhData } from './bbh-data.ts';

// The protocols are objects built when their module loads. Each test below loads its module itself (dynamic
// import), so the mutation run attributes that construction (ids, descriptions, stops, constants) to a test that
// checks it (docs/decisions/0302).
const item: Item<BbhData> = {
  id: 'boolean_expressions/0',
  group: 'boolean_expressions',
  data: {
    task: 'boolean_expressions',
    input: 'True and False is',
    target: 'False',
    prompt: {
      description: 'Evaluate.',
      exemplars: [
        {
          question: 'not True is',
          reasoning: "Let's think step by step.\nSo the answer is False.",
          answer: 'False',
        },
      ],
    },
  },
};
const metrics = [{ name: 'accuracy', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' }];

describe('BBH protocol definitions as users see them (parity protocols list)', () => {
  it('bbh.cot.3shot: the prompt ends with the chain-of-thought cue', async () => {
    const { bbhCot3shot } = await import('./bbh-cot-3shot.ts');
    expect(bbhCot3shot).toMatchObject({
      kind: 'generate',
      id: 'bbh.cot.3shot',
      version: 1,
      benchmark: 'bbh',
      description:
        'BIG-Bench Hard 3-shot chain of thought (lm-eval bbh_cot_fewshot prompt), BBH authors\' scorer "So the answer is X"',
      metrics,
    });
    expect(bbhCot3shot.buildRequest(item).messages).toEqual([
      {
        role: 'user',
        content:
          "Evaluate.\n\nQ: not True is\nA: Let's think step by step.\nSo the answer is False.\n\nQ: True and False is\nA: Let's think step by step.\n",
      },
    ]);
    expect(bbhCot3shot.referenceCompletion(item)).toBe(
      'The question asks for the result. So the answer is False.',
    );
  });

  it('bbh.direct.3shot: answer-only, reference reply " <target>"', async () => {
    const { bbhDirect3shot } = await import('./bbh-direct-3shot.ts');
    expect(bbhDirect3shot).toMatchObject({
      kind: 'generate',
      id: 'bbh.direct.3shot',
      version: 1,
      benchmark: 'bbh',
      description:
        "BIG-Bench Hard 3-shot answer only (lm-eval bbh_fewshot prompt), BBH authors' scorer (first line)",
      metrics,
    });
    expect(bbhDirect3shot.referenceCompletion(item)).toBe(' False');
  });

  it('the .lmeval variants: ids, descriptions and lm-eval stops "</s>", "Q", "\\n\\n"', async () => {
    const { bbhCot3shotLmEval, bbhDirect3shotLmEval } = await import('./bbh-lmeval-3shot.ts');
    expect(bbhCot3shotLmEval).toMatchObject({
      kind: 'generate',
      id: 'bbh.cot.3shot.lmeval',
      version: 1,
      benchmark: 'bbh',
      description:
        'BIG-Bench Hard 3-shot chain of thought with lm-eval bbh_cot_fewshot stops and scorer, exact match',
      metrics,
    });
    expect(bbhDirect3shotLmEval).toMatchObject({
      kind: 'generate',
      id: 'bbh.direct.3shot.lmeval',
      version: 1,
      benchmark: 'bbh',
      description:
        'BIG-Bench Hard 3-shot answer only with lm-eval bbh_fewshot stops and scorer (whole reply, exact)',
      metrics,
    });
    expect(bbhCot3shotLmEval.buildRequest(item).parameters.stop).toEqual(['</s>', 'Q', '\n\n']);
    expect(bbhDirect3shotLmEval.buildRequest(item).parameters.stop).toEqual(['</s>', 'Q', '\n\n']);
    expect(bbhDirect3shotLmEval.referenceCompletion(item)).toBe('False');
    expect(bbhCot3shotLmEval.referenceCompletion(item)).toBe(
      'The question asks for the result. So the answer is False.',
    );
  });

  it('bbh metrics: accuracy is the mean over tasks of per-task exact match', async () => {
    const { bbhMetrics } = await import('./bbh-scoring.ts');
    expect(bbhMetrics).toEqual(metrics);
  });
});
