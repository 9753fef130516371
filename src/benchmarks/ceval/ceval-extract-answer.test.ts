import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { extractCevalAnswer } from './ceval-extract-answer.ts';
import { cevalGen0shot } from './ceval-gen-0shot.ts';

/**
 * Expected letters: hkust-nlp/ceval code/evaluator_series/evaluators/chatgpt.py `extract_ans` (lines 142-171,
 * the last element of its list, as `eval_subject` line 123 reads it) run on each reply with Python 3.11's `re`;
 * an empty list is null here.
 */
function check(cases: readonly (readonly [string, string | null])[]): void {
  expect(cases.map(([reply]) => [reply, extractCevalAnswer(reply)])).toEqual(cases);
}

describe('extractCevalAnswer: a reply that starts with a letter', () => {
  it('takes the first character when it is A, B, C or D, before any pattern', () => {
    check([
      ['A', 'A'],
      ['B', 'B'],
      ['C。', 'C'],
      ['D) 四', 'D'],
      ['C，答案是A', 'C'],
      ['a', null],
      ['', null],
    ]);
  });
});

describe('extractCevalAnswer: one reply per upstream pattern, each the first pattern to match it', () => {
  it('the reply starts with 选 or 选项', () => {
    check([
      ['选A', 'A'],
      ['选项B', 'B'],
      // "^": 选 elsewhere does not count.
      ['我选D', null],
    ]);
  });

  it('答案是 / 答案为 / 答案应为 / 答案选, optional white space and 选/项 before the letter', () => {
    check([
      ['答案是C', 'C'],
      ['答案是 选项 A', 'A'],
      ['答案是\nC', 'C'],
      ['答案为D', 'D'],
      ['答案为选项B', 'B'],
      ['答案应为C', 'C'],
      ['答案应为 B', 'B'],
      ['答案选A', 'A'],
      ['答案选选项 D', 'D'],
      // At most one white-space character and one 选 and one 项.
      ['答案是  B', 'B'],
      ['答案是选选项B', null],
    ]);
  });

  it('the ASCII-colon forms: 答案是: / 答案应该是: / 答案为: / 答案应为: / 答案:', () => {
    check([
      ['答案是:B', 'B'],
      ['答案是: 选项C', 'C'],
      ['答案应该是:D', 'D'],
      ['答案应该是: A', 'A'],
      ['答案为:A', 'A'],
      ['答案为: 选项D', 'D'],
      ['答案应为:C', 'C'],
      ['答案应为: B', 'B'],
      ['答案:D', 'D'],
      ['答案: 选项A', 'A'],
    ]);
  });

  it('正确的一项是', () => {
    check([
      ['正确的一项是B', 'B'],
      ['正确的一项是 C', 'C'],
    ]);
  });

  it('the full-width-colon forms: 答案是： / 答案应该是： / 答案为： / 答案应为： / 答案：', () => {
    check([
      ['答案是：B', 'B'],
      ['答案是： 选项C', 'C'],
      ['答案应该是：D', 'D'],
      ['答案为：A', 'A'],
      ['答案为： 选项 B', 'B'],
      ['答案应为：C', 'C'],
      ['答案应为：\u3000D', 'D'],
      ['答案：B', 'B'],
      ['答案：选项C', 'C'],
      ['答案：\u3000选项\u3000A', 'A'],
    ]);
  });

  it('only A-D count', () => {
    check([
      ['这是E', null],
      ['答案是E', null],
    ]);
  });
});

describe('extractCevalAnswer: the last match of the first pattern that matches', () => {
  it('a later match of the same pattern wins; an earlier pattern wins over a later one', () => {
    check([
      ['答案是A还是B？答案是C', 'C'],
      // 答案是 does not take "：": the 答案为 pattern, tried next, decides.
      ['答案是：A，答案为B', 'B'],
      ['答案为：A，答案为：D', 'D'],
      ['答案应为：A，也可能答案应为：B', 'B'],
      ['正确的一项是A。正确的一项是C', 'C'],
      ['答案：A 答案：D', 'D'],
    ]);
  });
});

describe('ceval.gen.0shot score: the reply is stripped (Python str.strip) before extract_ans', () => {
  const item: Item<ChineseExamData> = {
    id: 'computer_network/1',
    data: {
      subject: 'computer_network',
      question: '题？',
      choices: ['一', '二', '三', '四'],
      answer: 'A',
      devExamples: [],
    },
  };

  it('reads a letter behind an ideographic space as the first character', () => {
    expect(extractCevalAnswer('\u3000A')).toBeNull();
    expect(cevalGen0shot.score(item, '\u3000A\n')).toEqual({
      scores: { accuracy: 1, accuracy_stem: 1 },
      extracted: 'A',
    });
    expect(cevalGen0shot.score(item, ' \n选项A')).toEqual({
      scores: { accuracy: 1, accuracy_stem: 1 },
      extracted: 'A',
    });
  });

  it('declares itself and states its reference answer as 答案：X', () => {
    expect(cevalGen0shot).toMatchObject({
      kind: 'generate',
      id: 'ceval.gen.0shot',
      version: 1,
      benchmark: 'ceval',
    });
    expect(cevalGen0shot.description).toContain('extract_ans');
    expect(cevalGen0shot.referenceCompletion(item)).toBe('答案：A');
  });
});
