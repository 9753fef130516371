import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { extractCmmluChoice } from './cmmlu-extract-choice.ts';
import { cmmluGen0shot } from './cmmlu-gen-0shot.ts';
import { cmmluGen5shot } from './cmmlu-gen-5shot.ts';
import { cmmluLoglik5shot } from './cmmlu-loglik-5shot.ts';

// A made-up item (the real questions are non-commercial data and stay out of the repository).
const shot = { question: ' 示例题目一 ', choices: ['甲', '乙', '丙', '丁'], answer: 'B' } as const;
const item: Item<ChineseExamData> = {
  id: 'agronomy/7',
  group: 'agronomy',
  data: {
    subject: 'agronomy',
    question: '测试题目？\n',
    choices: [' 一', '二', '三', '四'],
    answer: 'D',
    devExamples: [shot, shot],
  },
};

describe('cmmlu.loglik.5shot (lm-eval cmmlu, --num_fewshot 5)', () => {
  it('builds the context lm-eval renders from tasks/cmmlu/_default_template_yaml and cmmlu_agronomy.yaml', () => {
    // Rendered by jinja2 from lm-evaluation-harness@4e7e0d47 (doc_to_text line 7, description of
    // cmmlu_agronomy.yaml line 2), assembled as lm_eval/api/task.py fewshot_context: question stripped, choices
    // verbatim, " " + letter after each exemplar, "\n\n" between turns.
    expect(cmmluLoglik5shot.buildLogLikelihoodRequest?.(item)).toEqual({
      context:
        '以下是关于农学的单项选择题，请直接给出正确答案的选项。\n\n' +
        '示例题目一\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案： B\n\n' +
        '示例题目一\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案： B\n\n' +
        '测试题目？\nA.  一\nB. 二\nC. 三\nD. 四\n答案：',
      continuations: [' A', ' B', ' C', ' D'],
    });
  });

  it('scores the chosen continuation against the gold letter, per category too', () => {
    expect(cmmluLoglik5shot.score(item, ' D')).toEqual({
      scores: { accuracy: 1, accuracy_other: 1 },
      extracted: 'D',
    });
    const ancient = { ...item, data: { ...item.data, subject: 'ancient_chinese' } };
    expect(cmmluLoglik5shot.score(ancient, ' A').scores).toEqual({
      accuracy: 0,
      accuracy_social_science: 0,
      accuracy_china_specific: 0,
    });
  });
});

describe('cmmlu.gen.5shot (haonan-li/CMMLU mp_utils.py gen_prompt)', () => {
  it('sends the official prompt as one user message: "题目：", the question as stored, "答案是："', () => {
    expect(cmmluGen5shot.buildRequest(item)).toEqual({
      messages: [
        {
          role: 'user',
          content:
            '以下是关于农学的单项选择题，请直接给出正确答案的选项。\n\n' +
            '题目： 示例题目一 \nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案是：B\n\n' +
            '题目： 示例题目一 \nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案是：B\n\n' +
            '题目：测试题目？\n\nA.  一\nB. 二\nC. 三\nD. 四\n答案是：',
        },
      ],
      parameters: { temperature: 0, maxTokens: 128 },
    });
  });

  it('reads the letter as extract_choice does, and keeps "no answer" as null instead of a random letter', () => {
    const cases: [string, string | null][] = [
      ['D', 'D'],
      ['D. 四', 'D'],
      ['答案是：C', 'C'],
      ['答案为 B', 'B'],
      ['我认为答案选项为 A。', 'A'],
      ['正确的选项是 C', 'C'],
      ['故选：D', 'D'],
      ['根据分析，B项正确', 'B'],
      // Recursive match: the last of overlapping "X … 正确" matches.
      ['首先A不对，B说法正确', 'B'],
      ['这题应该是：C', 'C'],
      ['不是B', 'B'], // step 4: the only letter named
      // Python's "." crosses a carriage return (only "\n" stops it); JavaScript's would not.
      ['我认为答案为：\r B，不是A', 'B'],
      ['选项A\r这是正确的，B不对', 'A'],
      ['我不知道', null],
      ['', null],
    ];
    expect(cases.map(([reply]) => [reply, extractCmmluChoice(reply)])).toEqual(cases);
    expect(cmmluGen5shot.score(item, '答案是：D')).toEqual({
      scores: { accuracy: 1, accuracy_other: 1 },
      extracted: 'D',
    });
    expect(cmmluGen5shot.score(item, '我不知道')).toEqual({
      scores: { accuracy: 0, accuracy_other: 0 },
      extracted: null,
    });
  });
});

describe('cmmlu.gen.0shot (mp_utils.py gen_prompt, num_few_shot 0)', () => {
  it('sends the instruction and the question only', () => {
    expect(cmmluGen0shot.buildRequest(item).messages).toEqual([
      {
        role: 'user',
        content:
          '以下是关于农学的单项选择题，请直接给出正确答案的选项。\n\n题目：测试题目？\n\nA.  一\nB. 二\nC. 三\nD. 四\n答案是：',
      },
    ]);
    expect(cmmluGen0shot.score(item, cmmluGen0shot.referenceCompletion(item)).scores.accuracy).toBe(1);
  });
});
