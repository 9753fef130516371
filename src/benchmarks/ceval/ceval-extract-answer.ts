import { pythonSpace } from '../../scoring/ifeval/python-regex-classes.ts';
import type { ExamLetter } from '../chinese-exam/chinese-exam-data.ts';

const s = pythonSpace;

/**
 * hkust-nlp/ceval evaluators/chatgpt.py `extract_ans` patterns (lines 142-160), in order; Python's `\s` as
 * Python defines it, `^` the start of the reply (no multiline flag).
 */
const patterns: readonly RegExp[] = [
  '^选([A-D])',
  '^选项([A-D])',
  `答案是${s}?选?项?${s}?([A-D])`,
  `答案为${s}?选?项?${s}?([A-D])`,
  `答案应为${s}?选?项?${s}?([A-D])`,
  `答案选${s}?选?项?${s}?([A-D])`,
  `答案是:${s}?选?项?${s}?([A-D])`,
  `答案应该是:${s}?选?项?${s}?([A-D])`,
  `正确的一项是${s}?([A-D])`,
  `答案为:${s}?选?项?${s}?([A-D])`,
  `答案应为:${s}?选?项?${s}?([A-D])`,
  `答案:${s}?选?项?${s}?([A-D])`,
  `答案是：${s}?选?项?${s}?([A-D])`,
  `答案应该是：${s}?选?项?${s}?([A-D])`,
  `答案为：${s}?选?项?${s}?([A-D])`,
  `答案应为：${s}?选?项?${s}?([A-D])`,
  `答案：${s}?选?项?${s}?([A-D])`,
].map((source) => new RegExp(source, 'gu'));

/**
 * The letter C-Eval's zero-shot scorer reads (chatgpt.py `extract_ans` + `eval_subject`, lines 120-129): the
 * reply's first character when it is A-D; otherwise every match of the first pattern that matches, of which
 * the last counts. Null when nothing matches.
 */
export function extractCevalAnswer(reply: string): ExamLetter | null {
  const first = reply[0];
  if (first === 'A' || first === 'B' || first === 'C' || first === 'D') return first;
  for (const pattern of patterns) {
    const matches = [...reply.matchAll(pattern)];
    const last = matches.at(-1);
    if (last) return (last[1] ?? null) as ExamLetter | null;
  }
  return null;
}
