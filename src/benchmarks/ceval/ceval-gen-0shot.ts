import { pythonStrip } from '../../scoring/ifeval/python-regex-classes.ts';
import type { Item, ItemScore, Protocol } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { cevalInstruction, formatCevalQuestion } from './ceval-gen-5shot.ts';
import { extractCevalAnswer } from './ceval-extract-answer.ts';
import { cevalItemScores, cevalMetrics } from './ceval-metrics.ts';

/**
 * C-Eval's official zero-shot answer-only evaluation of chat models (evaluators/chatgpt.py `eval_subject`
 * without `--few_shot`): the system message, then one user message of the instruction and the question; greedy,
 * up to 256 tokens (the reply may explain); the letter read by `extract_ans` (see extractCevalAnswer).
 */
export const cevalGen0shot: Protocol<ChineseExamData> = {
  kind: 'generate',
  id: 'ceval.gen.0shot',
  version: 1,
  benchmark: 'ceval',
  description:
    'C-Eval (validation) 0-shot chat, official answer-only prompt, letter read by the official extract_ans',
  metrics: cevalMetrics,
  buildRequest(item: Item<ChineseExamData>) {
    const instruction = cevalInstruction(item.data.subject);
    return {
      messages: [
        { role: 'system', content: `你是一个中文人工智能助手，${instruction}` },
        { role: 'user', content: `${instruction}\n\n${formatCevalQuestion(item.data)}` },
      ],
      parameters: { temperature: 0, maxTokens: 256 },
    };
  },
  score(item: Item<ChineseExamData>, completion: string): ItemScore {
    const extracted = extractCevalAnswer(pythonStrip(completion));
    return { scores: cevalItemScores(item.data.subject, extracted === item.data.answer), extracted };
  },
  referenceCompletion(item: Item<ChineseExamData>) {
    return `答案：${item.data.answer}`;
  },
};
