import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item } from '../../spec/index.ts';
import { gsm8kCot8shot } from './gsm8k-cot-8shot.ts';
import type { Gsm8kData } from './gsm8k-data.ts';

const item: Item<Gsm8kData> = {
  id: '0',
  data: {
    question: 'Tom has 1,000 apples and eats 2. How many are left?',
    answer: '#### 998',
    target: '998',
  },
};

// lm-eval gsm8k_cot prompt, written out in full.
const expectedPrompt =
  'Q: There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant today?\n' +
  'A: There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have been 21 - 15 = 6. The answer is 6.\n\n' +
  'Q: If there are 3 cars in the parking lot and 2 more cars arrive, how many cars are in the parking lot?\n' +
  'A: There are originally 3 cars. 2 more cars arrive. 3 + 2 = 5. The answer is 5.\n\n' +
  'Q: Leah had 32 chocolates and her sister had 42. If they ate 35, how many pieces do they have left in total?\n' +
  'A: Originally, Leah had 32 chocolates. Her sister had 42. So in total they had 32 + 42 = 74. After eating 35, they had 74 - 35 = 39. The answer is 39.\n\n' +
  'Q: Jason had 20 lollipops. He gave Denny some lollipops. Now Jason has 12 lollipops. How many lollipops did Jason give to Denny?\n' +
  'A: Jason started with 20 lollipops. Then he had 12 after giving some to Denny. So he gave Denny 20 - 12 = 8. The answer is 8.\n\n' +
  'Q: Shawn has five toys. For Christmas, he got two toys each from his mom and dad. How many toys does he have now?\n' +
  'A: Shawn started with 5 toys. If he got 2 toys each from his mom and dad, then that is 4 more toys. 5 + 4 = 9. The answer is 9.\n\n' +
  'Q: There were nine computers in the server room. Five more computers were installed each day, from monday to thursday. How many computers are now in the server room?\n' +
  'A: There were originally 9 computers. For each of 4 days, 5 more computers were added. So 5 * 4 = 20 computers were added. 9 + 20 is 29. The answer is 29.\n\n' +
  'Q: Michael had 58 golf balls. On tuesday, he lost 23 golf balls. On wednesday, he lost 2 more. How many golf balls did he have at the end of wednesday?\n' +
  'A: Michael started with 58 golf balls. After losing 23 on tuesday, he had 58 - 23 = 35. After losing 2 more, he had 35 - 2 = 33 golf balls. The answer is 33.\n\n' +
  'Q: Olivia has $23. She bought five bagels for $3 each. How much money does she have left?\n' +
  'A: Olivia had 23 dollars. 5 bagels for 3 dollars each will be 5 x 3 = 15 dollars. So she has 23 - 15 dollars left. 23 - 15 is 8. The answer is 8.\n\n' +
  'Q: Tom has 1,000 apples and eats 2. How many are left?\nA:';

describe('gsm8k.cot.8shot request', () => {
  it('puts the whole lm-eval few-shot prompt in one user message', () => {
    const expected: GenerateRequest = {
      messages: [{ role: 'user', content: expectedPrompt }],
      parameters: { temperature: 0, maxTokens: 256, stop: ['Q:', '</s>', '<|im_end|>'] },
    };
    expect(gsm8kCot8shot.buildRequest(item)).toEqual(expected);
  });
});

describe('gsm8k.cot.8shot scoring', () => {
  const score = (completion: string, target = '998') =>
    gsm8kCot8shot.score({ id: '0', data: { question: 'q', answer: `#### ${target}`, target } }, completion);

  it('matches the exemplar form on both metrics', () => {
    expect(score(' 1000 - 2 = 998. The answer is 998.')).toEqual({
      scores: { accuracy_flexible: 1, accuracy_strict: 1 },
      extracted: '998.',
    });
  });

  it('ignores commas, dollar signs and a trailing period', () => {
    expect(score('It costs $1,998 - $1,000. The answer is $998.').scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 0, // strict allows no "$" after "The answer is "
    });
    expect(score('The answer is 1,200.', '1200').scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 1,
    });
  });

  it('handles negative numbers', () => {
    expect(score('5 - 8 = -3. The answer is -3.', '-3').scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 1,
    });
  });

  it('strict needs a character after the number, as upstream ("The answer is 5" at the very end fails)', () => {
    expect(score('The answer is 5', '5').scores).toEqual({ accuracy_flexible: 1, accuracy_strict: 0 });
    expect(score('The answer is 5!', '5').scores).toEqual({ accuracy_flexible: 1, accuracy_strict: 1 });
  });

  it('no number: extracted null and both scores 0', () => {
    expect(score('I cannot solve this.')).toEqual({
      scores: { accuracy_flexible: 0, accuracy_strict: 0 },
      extracted: null,
    });
  });

  it('flexible takes the LAST number, strict the FIRST "The answer is" (reasoning models reciting exemplars, lm-eval #3438)', () => {
    const recital =
      'Looking at the examples: 21 - 15 = 6. The answer is 6. Then 3 + 2 = 5. The answer is 5.\n' +
      'Now our problem: 1000 - 2 = 998. The answer is 998.';
    expect(score(recital)).toEqual({
      scores: { accuracy_flexible: 1, accuracy_strict: 0 },
      extracted: '998.',
    });
  });

  it('a number written after the answer wins flexible-extract', () => {
    expect(score('The answer is 998. (Checked in 2 steps.)').scores).toEqual({
      accuracy_flexible: 0,
      accuracy_strict: 1,
    });
  });

  it('a decimal form of an integer answer does not match (exact match, as upstream)', () => {
    expect(score('The answer is 998.00.').scores).toEqual({ accuracy_flexible: 0, accuracy_strict: 0 });
  });

  it('scores its reference completion as correct on both metrics', () => {
    const reference = gsm8kCot8shot.referenceCompletion(item);
    expect(gsm8kCot8shot.score(item, reference).scores).toEqual({ accuracy_flexible: 1, accuracy_strict: 1 });
  });
});
