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

/**
 * The global form of each pattern given, made once: a protocol passes the same patterns for every item, and a
 * RegExp's source and flags never change. `replace` with a global pattern starts at 0 and leaves `lastIndex` at
 * 0, so one shared instance matches as a fresh one would.
 */
const globalForms = new WeakMap<RegExp, RegExp>();

function globalForm(pattern: RegExp): RegExp {
  let global = globalForms.get(pattern);
  if (global === undefined) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    global = new RegExp(pattern.source, flags);
    globalForms.set(pattern, global);
  }
  return global;
}

/** The text that lm-eval's `exact_match` (`exact_match_hf_evaluate`) compares after its normalisation. */
export function normalizeForExactMatch(text: string, options: ExactMatchOptions = {}): string {
  let result = text;
  const patterns = options.regexesToIgnore;
  if (patterns !== undefined) {
    for (const pattern of patterns) result = result.replace(globalForm(pattern), '');
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
