import type { Item, ItemScore, Protocol } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { extractCmmluChoice } from './cmmlu-extract-choice.ts';
import { formatCmmluPrompt } from './cmmlu-gen-5shot.ts';
import { cmmluItemScores, cmmluMetrics } from './cmmlu-metrics.ts';

/**
 * CMMLU's official generative evaluation zero-shot (src/chatgpt.py with its default `--num_few_shot 0`): the
 * instruction and the question "题目：…答案是：" as one user message, greedy, up to 128 tokens, the letter read
 * by `extract_choice`.
 */
export const cmmluGen0shot: Protocol<ChineseExamData> = {
  kind: 'generate',
  id: 'cmmlu.gen.0shot',
  version: 1,
  benchmark: 'cmmlu',
  description:
    'CMMLU 0-shot generative, official prompt ("答案是："), answer read by the official extract_choice',
  metrics: cmmluMetrics,
  buildRequest(item: Item<ChineseExamData>) {
    return {
      messages: [{ role: 'user', content: formatCmmluPrompt(item.data, 0) }],
      parameters: { temperature: 0, maxTokens: 128 },
    };
  },
  score(item: Item<ChineseExamData>, completion: string): ItemScore {
    const extracted = extractCmmluChoice(completion);
    return { scores: cmmluItemScores(item.data.subject, extracted === item.data.answer), extracted };
  },
  referenceCompletion(item: Item<ChineseExamData>) {
    return `答案是：${item.data.answer}`;
  },
};
