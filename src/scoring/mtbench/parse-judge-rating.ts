/** FastChat `common.py` single-answer patterns: `[[rating]]`, then the `[rating]` fallback. */
const ratingPatterns = [/\[\[(\d+\.?\d*)\]\]/, /\[(\d+\.?\d*)\]/];

/**
 * The 1–10 rating in an MT-Bench judge's text, as FastChat parses it (`re.search`, first match, first pattern
 * that matches, `ast.literal_eval` of the number). Null when neither pattern matches (FastChat: −1, a judgment
 * that `show_result.py` leaves out).
 */
export function parseJudgeRating(judgment: string): number | null {
  for (const pattern of ratingPatterns) {
    const match = pattern.exec(judgment);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return null;
}
