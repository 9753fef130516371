/** Compiled patterns by letter class. */
const patterns = new Map<string, RegExp>();

/**
 * simple-evals `ANSWER_PATTERN_MULTICHOICE` (common.py, `(?i)Answer[ \t]*:[ \t]*\$?([A-D])\$?`) with the letter
 * class given: the FIRST match (`re.search`), the letter as written (because of `(?i)` a lower-case letter is
 * found, and then does not equal an upper-case gold letter, as upstream). Null when nothing matches.
 * `letters` is the class's letters in order, e.g. 'ABCD' (upstream), 'ABCDE' (ARC), 'ABCDEFGHIJKLM' (TruthfulQA MC1).
 */
export function extractAnswerLetter(completion: string, letters: string): string | null {
  let pattern = patterns.get(letters);
  // Stryker disable next-line ConditionalExpression: rebuilding the pattern every time gives the same pattern (a cache)
  if (pattern === undefined) {
    if (!/^[A-Z]+$/.test(letters)) throw new Error(`letters must be A-Z, got "${letters}"`);
    pattern = new RegExp(`Answer[ \\t]*:[ \\t]*\\$?([${letters}])\\$?`, 'i');
    patterns.set(letters, pattern);
  }
  return pattern.exec(completion)?.[1] ?? null;
}
