/**
 * simple-evals MGSM `parse_answer` (mgsm_eval.py): the text after the LAST occurrence of `answerPrefix`, commas
 * removed, then the last number `\d+\.?\d*` (Python's `\d` takes any Unicode decimal digit, hence `\p{Nd}`)
 * without a trailing ".". Null when the prefix or a number is missing (upstream: "").
 */
export function lastNumberAfterPrefix(completion: string, answerPrefix: string): string | null {
  if (!completion.includes(answerPrefix)) return null;
  // Stryker disable next-line MethodExpression: the number pattern skips the surrounding whitespace anyway (upstream strips it)
  const answerText = (completion.split(answerPrefix).at(-1) ?? '').trim();
  const numbers = answerText.replaceAll(',', '').match(/\p{Nd}+\.?\p{Nd}*/gu);
  const last = numbers?.at(-1);
  if (last === undefined) return null;
  return last.endsWith('.') ? last.slice(0, -1) : last;
}

/** simple-evals MGSM `score_mgsm`: "18.00" counts as "18"; commas are ignored on both sides. */
export function simpleEvalsNumberMatches(options: { target: string; prediction: string }): boolean {
  let prediction = options.prediction;
  if (prediction.includes('.')) prediction = prediction.replace(/0+$/, '').replace(/\.+$/, '');
  return options.target.replaceAll(',', '') === prediction.replaceAll(',', '');
}
