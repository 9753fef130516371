import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item } from '../../spec/index.ts';
import { bbhCot3shot } from './bbh-cot-3shot.ts';
import { extractBbhCotAnswer, extractBbhCotAnswerLmEval, scoreBbhAnswerLmEval } from './bbh-scoring.ts';
import type { BbhData } from './bbh-data.ts';
import { bbhDirect3shot } from './bbh-direct-3shot.ts';
import { parseBbhPrompt } from './parse-bbh-prompt.ts';

const promptFile =
  'CANARY LINE\n-----\nEvaluate the expression.\n\n' +
  "Q: not True is\nA: Let's think step by step.\nnot True = False. So the answer is False.\n\n" +
  "Q: (A) or (B)?\nA: Let's think step by step.\nB fits.\nSo the answer is (B).";

const item: Item<BbhData> = {
  id: 'boolean_expressions/0',
  group: 'boolean_expressions',
  data: {
    task: 'boolean_expressions',
    input: 'True and False is',
    target: 'False',
    prompt: parseBbhPrompt(promptFile, { file: 'test.txt' }),
  },
};

describe('parseBbhPrompt', () => {
  it('splits the description and the exemplars and reads each answer', () => {
    expect(item.data.prompt).toEqual({
      description: 'Evaluate the expression.',
      exemplars: [
        {
          question: 'not True is',
          reasoning: "Let's think step by step.\nnot True = False. So the answer is False.",
          answer: 'False',
        },
        {
          question: '(A) or (B)?',
          reasoning: "Let's think step by step.\nB fits.\nSo the answer is (B).",
          answer: '(B)',
        },
      ],
    });
  });

  it('rejects a file without the header line', () => {
    expect(() => parseBbhPrompt('Q: x', { file: 'bad.txt' })).toThrow(/bad\.txt: no "-----" line/);
  });
});

describe('bbh.cot.3shot', () => {
  it('sends the lm-eval cot_fewshot prompt in one user message', () => {
    const expected: GenerateRequest = {
      messages: [
        {
          role: 'user',
          content:
            'Evaluate the expression.\n\n' +
            "Q: not True is\nA: Let's think step by step.\nnot True = False. So the answer is False.\n\n" +
            "Q: (A) or (B)?\nA: Let's think step by step.\nB fits.\nSo the answer is (B).\n\n" +
            "Q: True and False is\nA: Let's think step by step.\n",
        },
      ],
      parameters: { temperature: 0, maxTokens: 1024, stop: ['\n\n', 'Q:', '</s>'] },
    };
    expect(bbhCot3shot.buildRequest(item)).toEqual(expected);
  });

  it('reads "So the answer is X" on the last line of the first paragraph', () => {
    const score = (completion: string) => bbhCot3shot.score(item, completion);
    expect(score('True and False = False. So the answer is False.')).toEqual({
      scores: { accuracy: 1 },
      extracted: 'False',
    });
    expect(score('So the answer is False')).toEqual({ scores: { accuracy: 1 }, extracted: 'False' });
    expect(score('So the answer is False.\n\nQ: next question. So the answer is True.').extracted).toBe(
      'False',
    );
    expect(score('So the answer is false.')).toEqual({ scores: { accuracy: 0 }, extracted: 'false' });
    expect(score('So the answer is False.\nMore text.')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
    expect(score('The answer: False')).toEqual({ scores: { accuracy: 0 }, extracted: null });
  });
});

describe('bbh.direct.3shot', () => {
  it('sends answer-only exemplars built from the chain-of-thought file', () => {
    const expected: GenerateRequest = {
      messages: [
        {
          role: 'user',
          content:
            'Evaluate the expression.\n\nQ: not True is\nA: False\n\nQ: (A) or (B)?\nA: (B)\n\nQ: True and False is\nA:',
        },
      ],
      parameters: { temperature: 0, maxTokens: 256, stop: ['\n\n', 'Q:', '</s>'] },
    };
    expect(bbhDirect3shot.buildRequest(item)).toEqual(expected);
  });

  it('compares the stripped first line with the target', () => {
    expect(bbhDirect3shot.score(item, ' False\nQ: more')).toEqual({
      scores: { accuracy: 1 },
      extracted: 'False',
    });
    expect(bbhDirect3shot.score(item, 'False.')).toEqual({ scores: { accuracy: 0 }, extracted: 'False.' });
    expect(bbhDirect3shot.score(item, '\nFalse')).toEqual({ scores: { accuracy: 0 }, extracted: null });
  });
});

describe('BBH answer extraction, worked by hand from the BBH authors and lm-eval', () => {
  it('reads nothing when the reply starts with a blank line (generation stops at "\\n\\n")', () => {
    expect(extractBbhCotAnswer('\n\nSo the answer is (A).')).toBeNull();
  });

  it('lm-eval: the rest of the line after "the answer is " without its last character, stripped', () => {
    expect(extractBbhCotAnswerLmEval('So the answer is (A) .')).toBe('(A)');
    expect(scoreBbhAnswerLmEval('(A)', '(A)')).toEqual({ scores: { accuracy: 1 }, extracted: '(A)' });
    expect(scoreBbhAnswerLmEval('[invalid]', '(A)')).toEqual({ scores: { accuracy: 0 }, extracted: null });
  });
});
