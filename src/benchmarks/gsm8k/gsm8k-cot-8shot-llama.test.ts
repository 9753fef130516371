import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item } from '../../spec/index.ts';
import { gsm8kCot8shotLlama } from './gsm8k-cot-8shot-llama.ts';
import type { Gsm8kData } from './gsm8k-data.ts';

const item: Item<Gsm8kData> = {
  id: '3',
  data: {
    question: 'Tom has 1,000 apples and eats 2. How many are left?',
    answer: '#### 998',
    target: '998',
  },
};

function user(question: string) {
  return {
    role: 'user' as const,
    content: `Given the following problem, reason and give a final answer to the problem.\nProblem: ${question}\nYour response should end with "The final answer is [answer]" where [answer] is the response to the problem.\n`,
  };
}
function assistant(content: string) {
  return { role: 'assistant' as const, content };
}

describe('gsm8k.cot.8shot.llama request', () => {
  it('sends the 8 exemplars as multi-turn chat, then the problem', () => {
    const expected: GenerateRequest = {
      messages: [
        user(
          'There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant today?',
        ),
        assistant(
          'There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have been 21 - 15 = 6. The final answer is 6',
        ),
        user(
          'If there are 3 cars in the parking lot and 2 more cars arrive, how many cars are in the parking lot?',
        ),
        assistant('There are originally 3 cars. 2 more cars arrive. 3 + 2 = 5. The final answer is 5'),
        user(
          'Leah had 32 chocolates and her sister had 42. If they ate 35, how many pieces do they have left in total?',
        ),
        assistant(
          'Originally, Leah had 32 chocolates. Her sister had 42. So in total they had 32 + 42 = 74. After eating 35, they had 74 - 35 = 39. The final answer is 39',
        ),
        user(
          'Jason had 20 lollipops. He gave Denny some lollipops. Now Jason has 12 lollipops. How many lollipops did Jason give to Denny?',
        ),
        assistant(
          'Jason started with 20 lollipops. Then he had 12 after giving some to Denny. So he gave Denny 20 - 12 = 8. The final answer is 8',
        ),
        user(
          'Shawn has five toys. For Christmas, he got two toys each from his mom and dad. How many toys does he have now?',
        ),
        assistant(
          'Shawn started with 5 toys. If he got 2 toys each from his mom and dad, then that is 4 more toys. 5 + 4 = 9. The final answer is 9',
        ),
        user(
          'There were nine computers in the server room. Five more computers were installed each day, from monday to thursday. How many computers are now in the server room?',
        ),
        assistant(
          'There were originally 9 computers. For each of 4 days, 5 more computers were added. So 5 * 4 = 20 computers were added. 9 + 20 is 29. The final answer is 29',
        ),
        user(
          'Michael had 58 golf balls. On tuesday, he lost 23 golf balls. On wednesday, he lost 2 more. How many golf balls did he have at the end of wednesday?',
        ),
        assistant(
          'Michael started with 58 golf balls. After losing 23 on tuesday, he had 58 - 23 = 35. After losing 2 more, he had 35 - 2 = 33 golf balls. The final answer is 33',
        ),
        user('Olivia has $23. She bought five bagels for $3 each. How much money does she have left?'),
        assistant(
          'Olivia had 23 dollars. 5 bagels for 3 dollars each will be 5 x 3 = 15 dollars. So she has 23 - 15 dollars left. 23 - 15 is 8. The final answer is 8',
        ),
        user('Tom has 1,000 apples and eats 2. How many are left?'),
      ],
      parameters: {
        temperature: 0,
        maxTokens: 1024,
        stop: ['<|eot_id|>', '<|start_header_id|>user<|end_header_id|>', 'Q:', '</s>', '<|im_end|>'],
      },
    };
    expect(gsm8kCot8shotLlama.buildRequest(item)).toEqual(expected);
  });
});

describe('gsm8k.cot.8shot.llama scoring', () => {
  const score = (completion: string, target = '998') =>
    gsm8kCot8shotLlama.score(
      { id: '0', data: { question: 'q', answer: `#### ${target}`, target } },
      completion,
    );

  it('reads "The final answer is N", with or without a period, $ or commas', () => {
    expect(score('1000 - 2 = 998. The final answer is 998')).toEqual({
      scores: { accuracy_flexible: 1, accuracy_strict: 1 },
      extracted: '998',
    });
    expect(score('The final answer is $1,200.', '1200').scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 1,
    });
    expect(score('The final answer is 7', '7').scores).toEqual({ accuracy_flexible: 1, accuracy_strict: 1 });
  });

  it('handles negative numbers', () => {
    expect(score('The final answer is -12.', '-12').scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 1,
    });
  });

  it('strict takes the LAST "The final answer is" (so exemplar recitals do not hurt it)', () => {
    const recital =
      'As in the examples, The final answer is 6 and The final answer is 5.\nThe final answer is 998';
    expect(score(recital).scores).toEqual({ accuracy_flexible: 1, accuracy_strict: 1 });
  });

  it('without the closing sentence only flexible can match', () => {
    expect(score('So 1000 - 2 = 998.').scores).toEqual({ accuracy_flexible: 1, accuracy_strict: 0 });
  });

  it('no number: extracted null and both scores 0', () => {
    expect(score('No idea.')).toEqual({
      scores: { accuracy_flexible: 0, accuracy_strict: 0 },
      extracted: null,
    });
  });

  it('scores its reference completion as correct on both metrics', () => {
    const reference = gsm8kCot8shotLlama.referenceCompletion(item);
    expect(gsm8kCot8shotLlama.score(item, reference).scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 1,
    });
  });
});
