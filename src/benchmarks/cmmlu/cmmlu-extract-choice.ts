import type { ExamLetter } from '../chinese-exam/chinese-exam-data.ts';

/** [pattern, capture group] in the order haonan-li/CMMLU src/mp_utils.py `extract_choice` tries them. */
type Rule = readonly [RegExp, number];

/** Step 1, "single match" (mp_utils.py lines 123-137): the first rule that matches anywhere decides. */
const singleMatch: readonly Rule[] = [
  [/答案(选项)?(是|为)：? ?([ABCD])/m, 3],
  [/答案(是|为)选项 ?([ABCD])/m, 2],
  [/故?选择?：? ?([ABCD])/m, 1],
  [/([ABCD]) ?选?项(是|为)?正确/m, 1],
  [/正确的?选项(是|为) ?([ABCD])/m, 2],
  // Stryker disable next-line Regex: 答案(是|为)X without 应该 is always matched first by the rule above (答案(选项)?(是|为)：? ?X), so making 应该 required reads the same letters
  [/答案(应该)?(是|为)([ABCD])/m, 3],
  [/选项 ?([ABCD]) ?(是|为)?正确/m, 1],
  [/选择答案 ?([ABCD])/m, 1],
  [/答案?：?([ABCD])/m, 1],
  [/([ABCD])(选?项)?是?符合题意/m, 1],
  [/答案选项：? ?([ABCD])/m, 1],
  [/答案(选项)?为([^\n]*?)([ABCD])/m, 3],
];

/** Step 2, "recursive match" (lines 146-157): the last of overlapping matches, each searched in the previous one minus its first character. */
const recursiveMatch: readonly Rule[] = [
  [/([ABCD])([^\n]*?)当选/m, 1],
  [/([ABCD])([^\n]*?)正确/m, 1],
];

/** Step 3, "weak single match" (lines 160-168). */
const weakMatch: readonly Rule[] = [[/[^不]是：? ?([ABCD])/m, 1]];

/** Step 4 (lines 171-176): the reply names exactly one letter. */
const onlyLetter = /^[^ABCD]*([ABCD])[^ABCD]*$/;

const letters = new Set(['A', 'B', 'C', 'D']);

/**
 * The answer letter CMMLU's official scorer reads from a reply (mp_utils.py `extract_choice`): the reply's first
 * character when it is a letter, else the rules above in order. Where upstream then picks a random letter,
 * this returns null (no answer, scored wrong), so that scores do not depend on chance.
 */
export function extractCmmluChoice(response: string): ExamLetter | null {
  const first = response[0];
  if (first !== undefined && letters.has(first)) return first as ExamLetter;
  for (const [pattern, group] of singleMatch) {
    const match = pattern.exec(response);
    if (match) return match[group] as ExamLetter;
  }
  for (const [pattern, group] of recursiveMatch) {
    let match = pattern.exec(response);
    if (!match) continue;
    let answer = match[group];
    while (match) {
      answer = match[group];
      match = pattern.exec(match[0].slice(1));
    }
    return answer as ExamLetter;
  }
  for (const [pattern, group] of weakMatch) {
    const match = pattern.exec(response);
    if (match) return match[group] as ExamLetter;
  }
  const only = onlyLetter.exec(response);
  return only ? (only[1] as ExamLetter) : null;
}
