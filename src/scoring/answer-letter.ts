/**
 * simple-evals `ANSWER_PATTERN_MULTICHOICE` (common.py, `(?i)Answer[ \t]*:[ \t]*\$?([A-D])\$?`) with the letter
 * class given: the FIRST match (`re.search`), the letter as written (because of `(?i)` a lower-case letter is
 * found, and then does not equal an upper-case gold letter, as upstream). Null when nothing matches.
 * `letters` is the class's letters in order, e.g. 'ABCD' (upstream), 'ABCDE' (ARC), 'ABCDEFGHIJKLM' (TruthfulQA MC1).
 */
export function extractAnswerLetter(completion: string, letters: string): string | null {
  if (!/^[A-Z]+$/.test(letters)) throw new Error(`letters must be A-Z, got "${letters}"`);
  const pattern = new RegExp(`Answer[ \\t]*:[ \\t]*\\$?([${letters}])\\$?`, 'i');
  return pattern.exec(completion)?.[1] ?? null;
}
