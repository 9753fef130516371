/**
 * The answer text of a protocol with a generation prefix ("The best answer is"), as lm-eval's
 * `remove_whitespace` filter leaves it (`str.strip()`: leading and trailing whitespace removed):
 * - prefilled (`prefillApplied: true`): the continuation, stripped ("\nB", "  B" and " B" all read "B");
 * - otherwise (the provider could not prefill, or it is unknown): the reply after the first occurrence of the
 *   prefix (any case) when it holds one, else the whole reply; stripped.
 */
export function answerAfterPrefix(options: {
  completion: string;
  prefix: string;
  prefillApplied: boolean | undefined;
}): string {
  const { completion, prefix } = options;
  if (options.prefillApplied === true) return completion.trim();
  const index = completion.toLowerCase().indexOf(prefix.toLowerCase());
  return (index >= 0 ? completion.slice(index + prefix.length) : completion).trim();
}
