import type { Item, ItemScore, Protocol } from '../../spec/index.ts';
import type { ChineseExamData, ExamQuestion } from '../chinese-exam/chinese-exam-data.ts';
import { extractCmmluChoice } from './cmmlu-extract-choice.ts';
import { cmmluChineseName, cmmluItemScores, cmmluMetrics } from './cmmlu-metrics.ts';

/**
 * haonan-li/CMMLU src/mp_utils.py `format_example` (lines 20-35): "题目：" + the question as stored, the choices
 * as "\nA. …", then "\n答案是："; an exemplar adds its letter and "\n\n".
 */
export function formatCmmluExample(example: ExamQuestion, includeAnswer: boolean): string {
  const [choiceA, choiceB, choiceC, choiceD] = example.choices;
  const body = `题目：${example.question}\nA. ${choiceA}\nB. ${choiceB}\nC. ${choiceC}\nD. ${choiceD}\n答案是：`;
  return includeAnswer ? `${body}${example.answer}\n\n` : body;
}

/**
 * mp_utils.py `gen_prompt` without a tokenizer (lines 37-48, as chatgpt.py's API models get it when the prompt
 * fits): the instruction naming the subject in Chinese, the first `shotCount` dev exemplars, the test question.
 */
export function formatCmmluPrompt(data: ChineseExamData, shotCount = 5): string {
  const instruction = `以下是关于${cmmluChineseName(data.subject)}的单项选择题，请直接给出正确答案的选项。\n\n`;
  const shots = data.devExamples
    .slice(0, shotCount)
    .map((example) => formatCmmluExample(example, true))
    .join('');
  return instruction + shots + formatCmmluExample(data, false);
}

/**
 * CMMLU's official generative evaluation (src/chatgpt.py with `--num_few_shot 5`): the whole prompt as one
 * user message, greedy, up to 128 tokens; the letter read by `extract_choice` (see extractCmmluChoice).
 */
export const cmmluGen5shot: Protocol<ChineseExamData> = {
  kind: 'generate',
  id: 'cmmlu.gen.5shot',
  version: 1,
  benchmark: 'cmmlu',
  description:
    'CMMLU 5-shot generative, official prompt ("答案是："), answer read by the official extract_choice',
  metrics: cmmluMetrics,
  buildRequest(item: Item<ChineseExamData>) {
    return {
      messages: [{ role: 'user', content: formatCmmluPrompt(item.data) }],
      parameters: { temperature: 0, maxTokens: 128 },
    };
  },
  score(item: Item<ChineseExamData>, completion: string): ItemScore {
    const extracted = extractCmmluChoice(completion);
    return { scores: cmmluItemScores(item.data.subject, extracted === item.data.answer), extracted };
  },
  referenceCompletion(item: Item<ChineseExamData>) {
    return item.data.answer;
  },
};
