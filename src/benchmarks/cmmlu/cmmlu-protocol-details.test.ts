import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { cmmluGen0shot } from './cmmlu-gen-0shot.ts';
import { cmmluGen5shot } from './cmmlu-gen-5shot.ts';
import { cmmluLoglik5shot } from './cmmlu-loglik-5shot.ts';
import { cmmluMetrics } from './cmmlu-metrics.ts';

// A made-up item of an "Other" subject (one category figure besides accuracy).
const item: Item<ChineseExamData> = {
  id: 'agronomy/3',
  data: {
    subject: 'agronomy',
    question: '题？',
    choices: ['一', '二', '三', '四'],
    answer: 'C',
    devExamples: [],
  },
};

describe('CMMLU protocols: what each declares', () => {
  it('names, kinds, versions and the CMMLU metrics', () => {
    expect(cmmluGen0shot).toMatchObject({
      kind: 'generate',
      id: 'cmmlu.gen.0shot',
      version: 1,
      benchmark: 'cmmlu',
    });
    expect(cmmluGen5shot).toMatchObject({
      kind: 'generate',
      id: 'cmmlu.gen.5shot',
      version: 1,
      benchmark: 'cmmlu',
    });
    expect(cmmluLoglik5shot).toMatchObject({
      kind: 'loglikelihood',
      id: 'cmmlu.loglik.5shot',
      version: 1,
      benchmark: 'cmmlu',
    });
    for (const protocol of [cmmluGen0shot, cmmluGen5shot, cmmluLoglik5shot]) {
      expect(protocol.metrics).toBe(cmmluMetrics);
      expect(protocol.description).toMatch(/^CMMLU /);
    }
    expect(cmmluGen0shot.description).toContain('0-shot generative');
    expect(cmmluGen5shot.description).toContain('5-shot generative');
    expect(cmmluLoglik5shot.description).toContain('lm-eval cmmlu');
  });
});

describe('cmmlu.gen.0shot: request and scoring', () => {
  it('greedy, at most 128 tokens', () => {
    expect(cmmluGen0shot.buildRequest(item).parameters).toEqual({ temperature: 0, maxTokens: 128 });
  });

  it('a wrong letter scores 0, the right one 1; the reference says 答案是：X', () => {
    expect(cmmluGen0shot.score(item, '答案是：A')).toEqual({
      scores: { accuracy: 0, accuracy_other: 0 },
      extracted: 'A',
    });
    expect(cmmluGen0shot.score(item, '答案是：C')).toEqual({
      scores: { accuracy: 1, accuracy_other: 1 },
      extracted: 'C',
    });
    expect(cmmluGen0shot.referenceCompletion(item)).toBe('答案是：C');
    expect(cmmluGen5shot.referenceCompletion(item)).toBe('C');
  });
});

describe('cmmlu.loglik.5shot: the stored request and the chosen continuation', () => {
  it('stores the raw lm-eval context as one user message, one token, temperature 0', () => {
    const request = cmmluLoglik5shot.buildRequest(item);
    expect(request).toEqual({
      messages: [
        {
          role: 'user',
          content:
            '以下是关于农学的单项选择题，请直接给出正确答案的选项。\n\n题？\nA. 一\nB. 二\nC. 三\nD. 四\n答案：',
        },
      ],
      parameters: { temperature: 0, maxTokens: 1 },
    });
  });

  it('an empty continuation extracts nothing; the reference is " " + the letter', () => {
    expect(cmmluLoglik5shot.score(item, ' ')).toEqual({
      scores: { accuracy: 0, accuracy_other: 0 },
      extracted: null,
    });
    expect(cmmluLoglik5shot.score(item, ' C')).toEqual({
      scores: { accuracy: 1, accuracy_other: 1 },
      extracted: 'C',
    });
    expect(cmmluLoglik5shot.referenceCompletion(item)).toBe(' C');
  });
});
