import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { fillJudgeTemplate, loadJudgePrompts } from './judge-prompts.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe('fillJudgeTemplate', () => {
  it('fills fields in one pass like str.format: braces inside values stay, {{ }} give literal braces', () => {
    expect(
      fillJudgeTemplate('Q: {question}\nA: {answer} {{x}}', {
        question: 'f({answer})?',
        answer: '{question}',
      }),
    ).toBe('Q: f({answer})?\nA: {question} {x}');
  });

  it('throws on a field without a value', () => {
    expect(() => fillJudgeTemplate('{ref_answer_1}', {})).toThrow(
      'judge prompt field {ref_answer_1} has no value',
    );
  });
});

describe.skipIf(!existsSync(resolve(shared, 'mt_bench')))(
  'loadJudgePrompts (skipped: ../shared/datasets not present)',
  () => {
    it("reads FastChat's four single-answer prompts", async () => {
      const prompts = await loadJudgePrompts(createDirectorySourceForTests(shared));
      expect({
        names: Object.values(prompts).map((prompt) => prompt.name),
        systemTurn1: prompts.single.systemPrompt,
        systemTurn2: prompts.singleMultiTurn.systemPrompt.slice(0, 40),
      }).toEqual({
        names: ['single-v1', 'single-math-v1', 'single-v1-multi-turn', 'single-math-v1-multi-turn'],
        systemTurn1: 'You are a helpful assistant.',
        systemTurn2: 'Please act as an impartial judge and eva',
      });
    });
  },
);
