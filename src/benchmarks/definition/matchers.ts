import { z } from 'zod';
import { exactMatch } from '../../scoring/exact-match.ts';
import { simpleEvalsNumberMatches } from '../../scoring/last-number-after-prefix.ts';

/** Whether an extracted answer counts as the target. */
export type Matcher = (extracted: string, target: string) => boolean;

interface MatcherEntry {
  readonly options: z.ZodType<Record<string, unknown>>;
  readonly create: (options: Record<string, unknown>) => Matcher;
  readonly summary: string;
}

function entry<TOptions extends Record<string, unknown>>(
  options: z.ZodType<TOptions>,
  create: (options: TOptions) => Matcher,
  summary: string,
): MatcherEntry {
  return { options, create: (parsed) => create(parsed as TOptions), summary };
}

/** Matchers a definition names in `match:` (YAML `match: exact` or `{type: exact, ignore_case: true}`). */
export const matchers: Readonly<Record<string, MatcherEntry>> = {
  exact: entry(
    z.strictObject({
      ignore_case: z.boolean().optional(),
      ignore_punctuation: z.boolean().optional(),
      ignore_numbers: z.boolean().optional(),
      /** JavaScript patterns; every match is removed from both sides first (lm-eval `regexes_to_ignore`). */
      regexes_to_ignore: z.array(z.string()).optional(),
    }),
    (options) => {
      const settings = {
        ignoreCase: options.ignore_case ?? false,
        ignorePunctuation: options.ignore_punctuation ?? false,
        ignoreNumbers: options.ignore_numbers ?? false,
        regexesToIgnore: (options.regexes_to_ignore ?? []).map((pattern) => new RegExp(pattern)),
      };
      return (extracted, target) => exactMatch({ prediction: extracted, reference: target, ...settings });
    },
    'lm-eval exact_match: equal after the optional normalisations (nothing is stripped)',
  ),
  'simple-evals-number': entry(
    z.strictObject({}),
    () => (extracted, target) => simpleEvalsNumberMatches({ target, prediction: extracted }),
    'simple-evals MGSM score_mgsm: commas ignored, trailing zeros after a "." dropped ("18.00" is "18")',
  ),
};
