import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { extractCevalAnswer } from './ceval-extract-answer.ts';
import { cevalGen0shot } from './ceval-gen-0shot.ts';
import { cevalGen5shot } from './ceval-gen-5shot.ts';
import { cevalLoglik5shot } from './ceval-loglik-5shot.ts';
import { normalizeCevalAnswer } from './ceval-normalize-answer.ts';

// A made-up item (the real questions are non-commercial data and stay out of the repository).
const shot = { question: ' 示例题目一 ', choices: ['甲', '乙', '丙', '丁'], answer: 'B' } as const;
const item: Item<ChineseExamData> = {
  id: 'computer_network/7',
  group: 'computer_network',
  data: {
    subject: 'computer_network',
    question: '测试题目？\r\n',
    choices: [' 一', '二', '三', '四'],
    answer: 'D',
    devExamples: [shot, { ...shot, answer: 'C' }],
  },
};

describe('ceval.loglik.5shot (lm-eval ceval-valid, --num_fewshot 5)', () => {
  it('builds the context lm-eval renders from tasks/ceval/_default_ceval_yaml and ceval-valid_computer_network.yaml', () => {
    // Rendered by jinja2 from lm-evaluation-harness@4e7e0d47 (doc_to_text line 7, description of
    // ceval-valid_computer_network.yaml line 2), assembled as lm_eval/api/task.py fewshot_context.
    expect(cevalLoglik5shot.buildLogLikelihoodRequest?.(item)).toEqual({
      context:
        '以下是中国关于计算机网络的单项选择题，请选出其中的正确答案。\n\n' +
        '示例题目一\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案： B\n\n' +
        '示例题目一\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案： C\n\n' +
        '测试题目？\nA.  一\nB. 二\nC. 三\nD. 四\n答案：',
      continuations: [' A', ' B', ' C', ' D'],
    });
  });

  it('scores the chosen continuation, and the STEM and Hard figures only for their subjects', () => {
    expect(cevalLoglik5shot.score(item, ' D').scores).toEqual({ accuracy: 1, accuracy_stem: 1 });
    const hard = { ...item, data: { ...item.data, subject: 'college_physics' } };
    expect(cevalLoglik5shot.score(hard, ' B')).toEqual({
      scores: { accuracy: 0, accuracy_stem: 0, accuracy_hard: 0 },
      extracted: 'B',
    });
  });
});

describe('ceval.gen.5shot (hkust-nlp/ceval evaluators/chatgpt.py, few-shot answer-only)', () => {
  it('sends the system message, the exemplars as chat turns and the question as stored', () => {
    const instruction = '以下是中国关于计算机网络考试的单项选择题，请选出其中的正确答案。';
    expect(cevalGen5shot.buildRequest(item)).toEqual({
      messages: [
        { role: 'system', content: `你是一个中文人工智能助手，${instruction}` },
        { role: 'user', content: `${instruction}\n\n 示例题目一 \nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：` },
        { role: 'assistant', content: 'B' },
        { role: 'user', content: ' 示例题目一 \nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：' },
        { role: 'assistant', content: 'C' },
        { role: 'user', content: '测试题目？\r\n\nA.  一\nB. 二\nC. 三\nD. 四\n答案：' },
      ],
      parameters: { temperature: 0, maxTokens: 32 },
    });
  });

  it('takes the reply as the answer after normalize_answer, as upstream exact_match does', () => {
    expect(normalizeCevalAnswer(' D. \n')).toBe('d');
    const score = (reply: string) => cevalGen5shot.score(item, reply);
    expect(score('D')).toEqual({ scores: { accuracy: 1, accuracy_stem: 1 }, extracted: 'D' });
    expect(score(' d.\n').scores.accuracy).toBe(1);
    expect(score('(D)').scores.accuracy).toBe(1);
    // Upstream's few-shot scorer reads nothing else: a sentence or a full-width colon is wrong.
    expect(score('答案：D')).toEqual({ scores: { accuracy: 0, accuracy_stem: 0 }, extracted: null });
    expect(score('D。').scores.accuracy).toBe(0);
    expect(score('').scores.accuracy).toBe(0);
    expect(score('C').scores.accuracy).toBe(0);
  });
});

describe('ceval.gen.0shot (hkust-nlp/ceval evaluators/chatgpt.py, zero-shot answer-only)', () => {
  it('sends the system message and one user message led by the instruction', () => {
    const instruction = '以下是中国关于计算机网络考试的单项选择题，请选出其中的正确答案。';
    expect(cevalGen0shot.buildRequest(item)).toEqual({
      messages: [
        { role: 'system', content: `你是一个中文人工智能助手，${instruction}` },
        { role: 'user', content: `${instruction}\n\n测试题目？\r\n\nA.  一\nB. 二\nC. 三\nD. 四\n答案：` },
      ],
      parameters: { temperature: 0, maxTokens: 256 },
    });
  });

  it('reads the letter as extract_ans does: the first letter, else the last match of the first pattern that matches', () => {
    // Expected values: upstream's extract_ans run on the same replies.
    const cases: [string, string | null][] = [
      ['B', 'B'],
      ['选C', 'C'],
      ['选项D', 'D'],
      ['答案是 B', 'B'],
      ['答案为：A，而不是答案为：C', 'C'],
      ['我认为答案是选项C。', 'C'],
      ['正确的一项是D', 'D'],
      ['答案: B', 'B'],
      ['答案：\u3000C', 'C'],
      ['根据分析，答案应该是：A', 'A'],
      ['不知道', null],
      ['分析：首先……答案是B。另外答案是C', 'C'],
    ];
    expect(cases.map(([reply]) => [reply, extractCevalAnswer(reply)])).toEqual(cases);
    expect(cevalGen0shot.score(item, '\n答案是D。')).toEqual({
      scores: { accuracy: 1, accuracy_stem: 1 },
      extracted: 'D',
    });
    expect(cevalGen0shot.score(item, '不知道').scores.accuracy).toBe(0);
  });
});
