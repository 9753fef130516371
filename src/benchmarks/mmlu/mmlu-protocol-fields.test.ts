import { describe, expect, it } from 'vitest';
import { mmluFixtureItem } from './mmlu-fixture-item.ts';

// The protocols are objects built when their module loads. Each test below loads its module itself (dynamic
// import, nothing imported above but the fixture), so the mutation run attributes that construction (ids,
// versions, descriptions, options, constants) to a test that checks it (docs/decisions/0302).
const metrics = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
  { name: 'accuracy_macro', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
];

describe('MMLU protocol definitions as users see them (parity protocols list)', () => {
  it('mmlu.cot.0shot (temperature 0.5, version 2) and its greedy variant (temperature 0, version 1)', async () => {
    const { mmluCot0shot, mmluCot0shotGreedy } = await import('./mmlu-cot-0shot.ts');
    expect(mmluCot0shot).toMatchObject({
      kind: 'generate',
      id: 'mmlu.cot.0shot',
      version: 2,
      benchmark: 'mmlu',
      description:
        'MMLU 0-shot chain of thought, simple-evals template, system message and temperature 0.5, "Answer: X"',
      metrics,
    });
    expect(mmluCot0shotGreedy).toMatchObject({
      kind: 'generate',
      id: 'mmlu.cot.0shot.greedy',
      version: 1,
      benchmark: 'mmlu',
      description:
        'MMLU 0-shot chain of thought, simple-evals template and "Answer: X" extraction, greedy (parity variant)',
      metrics,
    });
    const item = mmluFixtureItem();
    expect(mmluCot0shot.buildRequest(item).parameters).toEqual({ temperature: 0.5, maxTokens: 2048 });
    expect(mmluCot0shotGreedy.buildRequest(item).parameters).toEqual({ temperature: 0, maxTokens: 2048 });
    expect(mmluCot0shotGreedy.score(item, 'Answer: B')).toEqual({ scores: { accuracy: 1 }, extracted: 'B' });
  });

  it('mmlu.gen.5shot: prefix "The best answer is", case and punctuation folded as lm-eval exact_match', async () => {
    const { mmluGen5shot, mmluAnswerPrefix } = await import('./mmlu-gen-5shot.ts');
    expect(mmluAnswerPrefix).toBe('The best answer is');
    expect(mmluGen5shot).toMatchObject({
      kind: 'generate',
      id: 'mmlu.gen.5shot',
      version: 2,
      benchmark: 'mmlu',
      description:
        'MMLU 5-shot generative, Llama 3.1 instruct chat format ("The best answer is X"), exact match',
      metrics,
    });
    const item = mmluFixtureItem(); // gold B
    expect(mmluGen5shot.buildRequest(item).assistantPrefix).toBe('The best answer is');
    const score = (completion: string, prefillApplied: boolean) =>
      mmluGen5shot.score(item, completion, { prefillApplied }).scores.accuracy;
    // ignore_case: "b" equals "B."; ignore_punctuation: "B)" equals "B."; without a prefill the prefix is read.
    expect(score(' b', true)).toBe(1);
    expect(score(' B)', true)).toBe(1);
    expect(score(' B!', true)).toBe(1);
    expect(score('The best answer is b', false)).toBe(1);
    expect(score(' A', true)).toBe(0);
  });

  it('mmlu.loglik.5shot: " A".." D" continuations, and the stored request is the context as one message', async () => {
    const { mmluLoglik5shot, mmluContinuations } = await import('./mmlu-loglik-5shot.ts');
    expect(mmluContinuations).toEqual([' A', ' B', ' C', ' D']);
    expect(mmluLoglik5shot).toMatchObject({
      kind: 'loglikelihood',
      id: 'mmlu.loglik.5shot',
      version: 1,
      benchmark: 'mmlu',
      description: 'MMLU 5-shot log-likelihood of " A".." D" (lm-eval default template), argmax accuracy',
      metrics,
    });
    const item = mmluFixtureItem();
    const request = mmluLoglik5shot.buildLogLikelihoodRequest(item);
    expect(request.continuations).toEqual([' A', ' B', ' C', ' D']);
    expect(
      request.context.endsWith(
        '\n\nWhat is closest to the Sun?\nA. Venus\nB. Mercury\nC. Earth \nD. Mars\nAnswer:',
      ),
    ).toBe(true);
    expect(mmluLoglik5shot.buildRequest(item)).toEqual({
      messages: [{ role: 'user', content: request.context }],
      parameters: { temperature: 0, maxTokens: 1 },
    });
  });
});
