import { exactMatch } from '../../scoring/exact-match.ts';
import { INVALID_EXTRACTION, regexExtract } from '../../scoring/regex-extract.ts';
import type { ItemScore, MetricSpec } from '../../spec/index.ts';

/** GSM8K metrics: flexible-extract accuracy (headline), then strict-match accuracy. Item keys use the same names. */
export const gsm8kMetrics: readonly MetricSpec[] = [
  { name: 'accuracy_flexible', itemScore: 'accuracy_flexible', aggregate: 'mean', kind: 'proportion' },
  { name: 'accuracy_strict', itemScore: 'accuracy_strict', aggregate: 'mean', kind: 'proportion' },
];

/**
 * lm-eval `flexible-extract`: `(-?[$0-9.,]{2,})|(-?[0-9]+)`, group_select -1 (the LAST number in the output).
 */
export const flexiblePattern = /(-?[$0-9.,]{2,})|(-?[0-9]+)/;

/**
 * lm-eval gsm8k `exact_match`: ignore_case, regexes_to_ignore `[",", "\$", "(?s).*#### ", "\.$"]` applied to
 * prediction and reference (Python `$` also matches before a final newline, hence the lookahead).
 */
export const gsm8kExactMatchOptions = {
  // Stryker disable next-line BooleanLiteral: both sides are numbers (or "[invalid]" against a number), which case does not change
  ignoreCase: true,
  regexesToIgnore: [
    /,/,
    /\$/,
    // Stryker disable next-line Regex: neither side can hold "#### " (an extracted number, the gold number without it), so no change to this pattern shows
    /[\s\S]*#### /,
    /\.(?=\n?$)/,
  ],
};

/**
 * Scores a completion with a protocol's strict pattern (first or last match per `strictGroupSelect`) and the
 * flexible pattern, each compared with the gold number by lm-eval `exact_match`. `extracted` is the flexible
 * extraction (the headline metric's), or null when the output holds no number.
 */
export function scoreGsm8kCompletion(options: {
  completion: string;
  target: string;
  strictPattern: RegExp;
  strictGroupSelect: number;
}): ItemScore {
  const { completion, target } = options;
  const strict = regexExtract(completion, {
    pattern: options.strictPattern,
    groupSelect: options.strictGroupSelect,
  });
  const flexible = regexExtract(completion, { pattern: flexiblePattern, groupSelect: -1 });
  const matches = (prediction: string) =>
    exactMatch({ prediction, reference: target, ...gsm8kExactMatchOptions }) ? 1 : 0;
  return {
    scores: { accuracy_flexible: matches(flexible), accuracy_strict: matches(strict) },
    extracted: flexible === INVALID_EXTRACTION ? null : flexible,
  };
}
