import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item } from '../../spec/index.ts';
import { arcParityCot } from './arc-parity-cot.ts';
import type { ArcData } from './arc-data.ts';

const item: Item<ArcData> = {
  id: 'Mercury_7175875',
  data: {
    question: 'Which is the most likely effect?',
    choices: [
      { letter: 'A', text: 'Density will decrease.' },
      { letter: 'B', text: 'Years will become longer.' },
      { letter: 'C', text: 'Days will become shorter.' },
    ],
    answer: 'C',
  },
};

describe('arc.parity.cot.0shot', () => {
  it('sends the simple-evals multiple-choice template with the letters the item has', () => {
    const expected: GenerateRequest = {
      messages: [
        {
          role: 'user',
          content:
            "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABC. Think step by step before answering.\n\n" +
            'Which is the most likely effect?\n\n' +
            'A) Density will decrease.\nB) Years will become longer.\nC) Days will become shorter.',
        },
      ],
      parameters: { temperature: 0, maxTokens: 1024 },
    };
    expect(arcParityCot.buildRequest(item)).toEqual(expected);
  });

  it('reads the first "Answer: X" and compares the letter exactly', () => {
    expect(arcParityCot.score(item, 'Rotation is faster.\nAnswer: C')).toEqual({
      scores: { accuracy: 1 },
      extracted: 'C',
    });
    expect(arcParityCot.score(item, 'answer : $C$')).toEqual({ scores: { accuracy: 1 }, extracted: 'C' });
    expect(arcParityCot.score(item, 'Answer: B\nAnswer: C')).toEqual({
      scores: { accuracy: 0 },
      extracted: 'B',
    });
    expect(arcParityCot.score(item, 'The days get shorter (C).')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
  });

  it('scores its reference completion as correct', () => {
    expect(arcParityCot.score(item, arcParityCot.referenceCompletion(item)).scores).toEqual({ accuracy: 1 });
  });
});
