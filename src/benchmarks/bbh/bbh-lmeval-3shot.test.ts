import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { bbhCot3shot } from './bbh-cot-3shot.ts';
import type { BbhData } from './bbh-data.ts';
import { bbhDirect3shot } from './bbh-direct-3shot.ts';
import { bbhCot3shotLmEval, bbhDirect3shotLmEval } from './bbh-lmeval-3shot.ts';
import { extractBbhCotAnswerLmEval } from './bbh-scoring.ts';
import { parseBbhPrompt } from './parse-bbh-prompt.ts';

const item: Item<BbhData> = {
  id: 'boolean_expressions/0',
  group: 'boolean_expressions',
  data: {
    task: 'boolean_expressions',
    input: 'True and False is',
    target: 'False',
    prompt: parseBbhPrompt(
      "CANARY\n-----\nEvaluate.\n\nQ: not True is\nA: Let's think step by step.\nSo the answer is False.",
      { file: 'test.txt' },
    ),
  },
};

describe('BBH with lm-eval stops and scorer (.lmeval variants)', () => {
  it('send the same prompts as the authors-scorer protocols, with lm-eval stops ("Q", not "Q:")', () => {
    const cot = bbhCot3shotLmEval.buildRequest(item);
    expect(cot.messages).toEqual(bbhCot3shot.buildRequest(item).messages);
    expect(cot.parameters).toEqual({ temperature: 0, maxTokens: 1024, stop: ['</s>', 'Q', '\n\n'] });
    const direct = bbhDirect3shotLmEval.buildRequest(item);
    expect(direct.messages).toEqual(bbhDirect3shot.buildRequest(item).messages);
    expect(direct.parameters).toEqual({ temperature: 0, maxTokens: 256, stop: ['</s>', 'Q', '\n\n'] });
  });

  it('extract as lm-eval (?<=the answer is )(.*)(?=.): first match, last character dropped, stripped', () => {
    expect(extractBbhCotAnswerLmEval('So the answer is False.')).toBe('False');
    // No final period: lm-eval drops the last character anyway, the authors' scorer keeps it.
    expect(extractBbhCotAnswerLmEval('So the answer is False')).toBe('Fals');
    expect(bbhCot3shotLmEval.score(item, 'So the answer is False').scores.accuracy).toBe(0);
    expect(bbhCot3shot.score(item, 'So the answer is False').scores.accuracy).toBe(1);
    // The first "the answer is" wins, on any line; "The answer is" (capital T) is not matched.
    expect(extractBbhCotAnswerLmEval('I think the answer is True.\nSo the answer is False.')).toBe('True');
    expect(bbhCot3shotLmEval.score(item, 'The answer is False.')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
    expect(bbhCot3shotLmEval.score(item, bbhCot3shotLmEval.referenceCompletion(item)).scores.accuracy).toBe(
      1,
    );
  });

  it('answer-only: the whole reply must equal the target (no strip, as lm-eval applies no filter)', () => {
    expect(bbhDirect3shotLmEval.score(item, 'False').scores.accuracy).toBe(1);
    expect(bbhDirect3shotLmEval.score(item, ' False').scores.accuracy).toBe(0);
    expect(bbhDirect3shot.score(item, ' False').scores.accuracy).toBe(1);
  });
});
