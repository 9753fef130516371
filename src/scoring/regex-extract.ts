/** What lm-eval's RegexFilter returns when nothing matches. */
export const INVALID_EXTRACTION = '[invalid]';

/**
 * Python `re.findall` semantics: for a pattern without capture groups each entry is the whole match; with one
 * group it is that group's text; with several it is the array of all groups' texts. A group that did not take
 * part in the match gives '' (as in Python). Matching restarts after each match; an empty match advances by one.
 */
export function findAll(text: string, pattern: RegExp): Array<string | string[]> {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const globalPattern = new RegExp(pattern.source, flags);
  const results: Array<string | string[]> = [];
  for (const match of text.matchAll(globalPattern)) {
    const groups = match.slice(1).map((group) => group ?? '');
    if (groups.length === 0) results.push(match[0]);
    else if (groups.length === 1) results.push(groups[0] ?? '');
    else results.push(groups);
  }
  return results;
}

export interface RegexExtractOptions {
  readonly pattern: RegExp;
  /** Which match to keep, Python index semantics: 0 = first (default), -1 = last. */
  readonly groupSelect?: number;
  /** Returned when nothing matches (or the selected tuple has no non-empty group). Default '[invalid]'. */
  readonly fallback?: string;
}

/**
 * lm-eval `RegexFilter` (`lm_eval/filters/extraction.py`): `findall`, keep the `groupSelect`-th match, reduce a
 * tuple of groups to its first non-empty group, strip surrounding whitespace; the fallback when nothing matched.
 * Note: JavaScript regular expressions stand in for Python's; callers write patterns that mean the same.
 */
export function regexExtract(text: string, options: RegexExtractOptions): string {
  const fallback = options.fallback ?? INVALID_EXTRACTION;
  const matches = findAll(text, options.pattern);
  if (matches.length === 0) return fallback;
  const groupSelect = options.groupSelect ?? 0;
  const selected = matches[groupSelect < 0 ? matches.length + groupSelect : groupSelect];
  if (selected === undefined) return fallback;
  const value = Array.isArray(selected) ? selected.find((group) => group !== '') : selected;
  if (value === undefined) return fallback;
  return value.trim();
}
