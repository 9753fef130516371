import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { cevalGen0shot } from './ceval-gen-0shot.ts';
import { cevalGen5shot } from './ceval-gen-5shot.ts';
import { cevalLoglik5shot } from './ceval-loglik-5shot.ts';
import { cevalMetrics } from './ceval-metrics.ts';
import { normalizeCevalAnswer } from './ceval-normalize-answer.ts';

// A made-up item of a Humanities subject (neither STEM nor Hard: one category figure besides accuracy).
const item: Item<ChineseExamData> = {
  id: 'legal_professional/2',
  data: {
    subject: 'legal_professional',
    question: '题？',
    choices: ['一', '二', '三', '四'],
    answer: 'B',
    devExamples: [],
  },
};

describe('C-Eval protocols: what each declares', () => {
  it('names, kinds, versions and the C-Eval metrics', () => {
    expect(cevalGen0shot).toMatchObject({
      kind: 'generate',
      id: 'ceval.gen.0shot',
      version: 1,
      benchmark: 'ceval',
    });
    expect(cevalGen5shot).toMatchObject({
      kind: 'generate',
      id: 'ceval.gen.5shot',
      version: 1,
      benchmark: 'ceval',
    });
    expect(cevalLoglik5shot).toMatchObject({
      kind: 'loglikelihood',
      id: 'ceval.loglik.5shot',
      version: 1,
      benchmark: 'ceval',
    });
    for (const protocol of [cevalGen0shot, cevalGen5shot, cevalLoglik5shot]) {
      expect(protocol.metrics).toBe(cevalMetrics);
      expect(protocol.description).toMatch(/^C-Eval \(validation\) /);
    }
    expect(cevalGen5shot.description).toContain('5-shot chat');
    expect(cevalLoglik5shot.description).toContain('lm-eval ceval-valid');
  });
});

describe('ceval.gen.5shot: the letter it reports', () => {
  it('reports each letter A-D the reply normalises to, upper case, and nothing else', () => {
    const extracted = (reply: string) => cevalGen5shot.score(item, reply).extracted;
    expect(['A', 'b', 'C.', ' d ', 'E', 'AB'].map(extracted)).toEqual(['A', 'B', 'C', 'D', null, null]);
    expect(cevalGen5shot.score(item, 'b.').scores.accuracy).toBe(1);
    expect(cevalGen5shot.referenceCompletion(item)).toBe('B');
  });
});

describe('normalizeCevalAnswer (evaluator.py normalize_answer)', () => {
  it('lower-cases, drops ASCII punctuation, joins the words with one space', () => {
    expect(normalizeCevalAnswer('  The  (B),\tanswer!\n')).toBe('the b answer');
    expect(normalizeCevalAnswer('A. 选项：B。')).toBe('a 选项：b。');
    expect(normalizeCevalAnswer('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toBe('');
  });
});

describe('ceval.loglik.5shot: the stored request and the chosen continuation', () => {
  it('stores the raw lm-eval context as one user message, one token, temperature 0', () => {
    const request = cevalLoglik5shot.buildRequest(item);
    expect(request).toEqual({
      messages: [
        {
          role: 'user',
          content: `以下是中国关于法律职业资格的单项选择题，请选出其中的正确答案。\n\n题？\nA. 一\nB. 二\nC. 三\nD. 四\n答案：`,
        },
      ],
      parameters: { temperature: 0, maxTokens: 1 },
    });
    expect(request.messages[0]?.content).toBe(cevalLoglik5shot.buildLogLikelihoodRequest?.(item).context);
  });

  it('an empty continuation extracts nothing; the reference is " " + the letter', () => {
    expect(cevalLoglik5shot.score(item, '  ')).toEqual({
      scores: { accuracy: 0, accuracy_humanities: 0 },
      extracted: null,
    });
    expect(cevalLoglik5shot.score(item, ' B')).toEqual({
      scores: { accuracy: 1, accuracy_humanities: 1 },
      extracted: 'B',
    });
    expect(cevalLoglik5shot.referenceCompletion(item)).toBe(' B');
  });
});
