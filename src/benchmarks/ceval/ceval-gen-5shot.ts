import { pythonStrip } from '../../scoring/ifeval/python-regex-classes.ts';
import type { ChatMessage, Item, ItemScore, Protocol } from '../../spec/index.ts';
import type { ChineseExamData, ExamQuestion } from '../chinese-exam/chinese-exam-data.ts';
import { cevalChineseName, cevalItemScores, cevalMetrics } from './ceval-metrics.ts';
import { normalizeCevalAnswer } from './ceval-normalize-answer.ts';

/**
 * hkust-nlp/ceval evaluators/chatgpt.py `format_example` (lines 14-19): the question as stored, "\nA. …" for each
 * choice, then "\n答案：".
 */
export function formatCevalQuestion(example: ExamQuestion): string {
  const [choiceA, choiceB, choiceC, choiceD] = example.choices;
  return `${example.question}\nA. ${choiceA}\nB. ${choiceB}\nC. ${choiceC}\nD. ${choiceD}\n答案：`;
}

/** The instruction of the answer-only prompt (README "answer-only prompt"; chatgpt.py lines 41, 50). */
export function cevalInstruction(subject: string): string {
  return `以下是中国关于${cevalChineseName(subject)}考试的单项选择题，请选出其中的正确答案。`;
}

/**
 * chatgpt.py `generate_few_shot_prompt` + `eval_subject` with `--few_shot` (k = 5): a system message, each dev
 * exemplar as a user turn and its letter as the assistant's turn (the first user turn led by the instruction),
 * then the validation question.
 */
export function cevalChatMessages(data: ChineseExamData): ChatMessage[] {
  const instruction = cevalInstruction(data.subject);
  const shots = data.devExamples.flatMap((example, index): ChatMessage[] => [
    {
      role: 'user',
      content: (index === 0 ? `${instruction}\n\n` : '') + formatCevalQuestion(example),
    },
    { role: 'assistant', content: example.answer },
  ]);
  return [
    { role: 'system', content: `你是一个中文人工智能助手，${instruction}` },
    ...shots,
    { role: 'user', content: formatCevalQuestion(data) },
  ];
}

/**
 * C-Eval's official answer-only 5-shot evaluation of chat models (chatgpt.py `eval_subject`, few_shot): greedy,
 * up to 32 tokens; the stripped reply is right when it equals the gold letter after `normalize_answer`
 * (so "B" and "b." count, "答案：B" does not, as upstream scores it).
 */
export const cevalGen5shot: Protocol<ChineseExamData> = {
  kind: 'generate',
  id: 'ceval.gen.5shot',
  version: 1,
  benchmark: 'ceval',
  description: 'C-Eval (validation) 5-shot chat, official answer-only prompt, reply must be the letter',
  metrics: cevalMetrics,
  buildRequest(item: Item<ChineseExamData>) {
    return { messages: cevalChatMessages(item.data), parameters: { temperature: 0, maxTokens: 32 } };
  },
  score(item: Item<ChineseExamData>, completion: string): ItemScore {
    const normalized = normalizeCevalAnswer(pythonStrip(completion));
    const correct = normalized !== '' && normalized === normalizeCevalAnswer(item.data.answer);
    const letter = normalized.toUpperCase();
    return {
      scores: cevalItemScores(item.data.subject, correct),
      extracted: ['A', 'B', 'C', 'D'].includes(letter) ? letter : null,
    };
  },
  referenceCompletion(item: Item<ChineseExamData>) {
    return item.data.answer;
  },
};
