export interface ExactMatchOptions {
  /** Lower-case both strings before comparing. Default false. */
  readonly ignoreCase?: boolean;
  /** Remove ASCII punctuation (Python's `string.punctuation`) from both. Default false. */
  readonly ignorePunctuation?: boolean;
  /** Remove the digits 0-9 from both. Default false. */
  readonly ignoreNumbers?: boolean;
  /**
   * Every match of each pattern is removed from both strings, in order, before the other options apply
   * (Python `re.sub(pattern, "", text)`). Give JavaScript equivalents of the upstream Python patterns: Python's
   * `$` also matches before a final newline, so upstream `\.$` is written `/\.(?=\n?$)/`.
   */
  readonly regexesToIgnore?: readonly RegExp[];
}

const asciiPunctuation = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** The text that lm-eval's `exact_match` (`exact_match_hf_evaluate`) compares after its normalisation. */
export function normalizeForExactMatch(text: string, options: ExactMatchOptions = {}): string {
  let result = text;
  for (const pattern of options.regexesToIgnore ?? []) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    result = result.replace(new RegExp(pattern.source, flags), '');
  }
  if (options.ignoreCase) result = result.toLowerCase();
  if (options.ignorePunctuation) result = result.replace(asciiPunctuation, '');
  if (options.ignoreNumbers) result = result.replace(/[0-9]/g, '');
  return result;
}

/**
 * lm-eval `exact_match` for one prediction: true when both strings are equal after `normalizeForExactMatch`.
 * No whitespace is stripped (upstream does not strip either).
 */
export function exactMatch(options: { prediction: string; reference: string } & ExactMatchOptions): boolean {
  return (
    normalizeForExactMatch(options.prediction, options) === normalizeForExactMatch(options.reference, options)
  );
}
