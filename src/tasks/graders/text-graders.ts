import { excerpt } from './grader-result.ts';

export interface Verdict {
  readonly score: number | null;
  readonly passed: boolean;
  readonly reason: string;
}

export const pass = (reason: string): Verdict => ({ score: 1, passed: true, reason });
export const fail = (reason: string): Verdict => ({ score: 0, passed: false, reason });

/** `exact`: the response (trimmed unless `trim: false`) equals the value. */
export function gradeExact(
  response: string,
  options: { value: string; ignoreCase?: boolean; trim?: boolean },
): Verdict {
  const fold = (text: string): string => {
    const trimmed = options.trim === false ? text : text.trim();
    return options.ignoreCase ? trimmed.toLowerCase() : trimmed;
  };
  return fold(response) === fold(options.value)
    ? pass(`equals ${excerpt(options.value)}`)
    : fail(`${excerpt(response)} is not ${excerpt(options.value)}`);
}

/** `includes`: the response contains the value (every value, when a list is given). */
export function gradeIncludes(
  response: string,
  options: { value: string | readonly string[]; ignoreCase?: boolean },
): Verdict {
  const values = typeof options.value === 'string' ? [options.value] : options.value;
  const haystack = options.ignoreCase ? response.toLowerCase() : response;
  const missing = values.filter(
    (value) => !haystack.includes(options.ignoreCase ? value.toLowerCase() : value),
  );
  return missing.length === 0
    ? pass(`contains ${values.map(excerpt).join(', ')}`)
    : fail(`${excerpt(response)} lacks ${missing.map(excerpt).join(', ')}`);
}

const NUMBER = /[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** The last number in a text (thousands separators dropped), or undefined. */
export function lastNumber(text: string): number | undefined {
  const matches = text.match(NUMBER);
  const last = matches?.[matches.length - 1];
  if (last === undefined) return undefined;
  const value = Number(last.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** `number`: the last number in the response is within `tolerance` (default 0) of the value. */
export function gradeNumber(response: string, options: { value: number; tolerance?: number }): Verdict {
  const found = lastNumber(response);
  if (found === undefined) return fail(`no number in ${excerpt(response)}`);
  const tolerance = options.tolerance ?? 0;
  return Math.abs(found - options.value) <= tolerance + 1e-12 * Math.abs(options.value)
    ? pass(`${found} is within ${tolerance} of ${options.value}`)
    : fail(`${found} is not within ${tolerance} of ${options.value}`);
}
