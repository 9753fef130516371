/**
 * Python `re` character classes for `str` patterns written as JavaScript regular-expression source (use with the
 * `u` flag), so that ports of NLTK's expressions see the same characters as Python: JavaScript's `\s`, `\w`, `\d`
 * and `\b` differ (ASCII-only `\w`/`\d`/`\b`; `\s` with U+FEFF but without U+001C-U+001F and U+0085).
 */

/** Python `\s`: the characters for which `str.isspace()` holds. */
export const pythonSpace = String.raw`[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;

/** Python `\S`. */
export const pythonNonSpace = String.raw`[^\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;

/** Python `\w` (letters, numbers, underscore; combining marks are not word characters in Python's `re`). */
export const pythonWord = String.raw`[\p{L}\p{N}_]`;

/** Python `[^\W\d]`: a word character that is not a decimal digit. */
export const pythonWordNotDigit = String.raw`[\p{L}\p{Nl}\p{No}_]`;

/** Python `\b` with Unicode word characters. */
export const pythonWordBoundary = `(?:(?<=${pythonWord})(?!${pythonWord})|(?<!${pythonWord})(?=${pythonWord}))`;

/** Python `$` without MULTILINE: the end of the text, or just before a newline that ends it. */
export const pythonEnd = String.raw`(?=\n?$)`;

const leadingOrTrailingSpace = new RegExp(`^${pythonSpace}+|${pythonSpace}+$`, 'gu');
const trailingSpace = new RegExp(`${pythonSpace}+$`, 'u');
const spaceRun = new RegExp(`${pythonSpace}+`, 'u');

/** Python `str.strip()`. */
export function pythonStrip(text: string): string {
  return text.replace(leadingOrTrailingSpace, '');
}

/** Python `str.rstrip()`. */
export function pythonRstrip(text: string): string {
  return text.replace(trailingSpace, '');
}

/** Python `str.split()` without arguments: the non-empty runs between white space. */
export function pythonSplit(text: string): string[] {
  return text.split(spaceRun).filter((part) => part !== '');
}
