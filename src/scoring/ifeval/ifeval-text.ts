/**
 * Text helpers of IFEval's reference checker (`instructions_util.py`), in TypeScript. Where upstream calls NLTK
 * (punkt sentence splitting, `word_tokenize`) these are close approximations; docs/decisions/0031 says how.
 */

/** Python `str.isupper()`: at least one cased character and no lower-case one. */
export function isUpperPython(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/** Python `str.islower()`: at least one cased character and no upper-case one. */
export function isLowerPython(text: string): boolean {
  return text === text.toLowerCase() && text !== text.toUpperCase();
}

/** `count_words`: NLTK `RegexpTokenizer(r"\w+")` tokens (Python's Unicode `\w`: letters, digits, `_`). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

/** Abbreviations after which a period does not end a sentence (punkt learns these from text; we list them). */
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'vol',
  'fig',
  'approx',
  'dept',
  'est',
  'gen',
  'gov',
  'sen',
  'rep',
  'capt',
  'lt',
  'col',
  'mt',
  'ft',
  'u.s',
  'u.k',
  'a.m',
  'p.m',
]);

/**
 * `count_sentences` (NLTK punkt, English): a sentence ends at a word ending in ".", "?" or "!" (closing quotes or
 * brackets may follow) that is followed by white space or the end of the text — except after a listed
 * abbreviation, a single-letter initial, or a period followed by a lower-case word. Text after the last end
 * counts as one more sentence. Line breaks alone do not end a sentence (as in punkt).
 */
export function countSentences(text: string): number {
  const tokens = text.split(/\s+/u).filter((token) => token !== '');
  let sentences = 0;
  let open = false;
  tokens.forEach((token, index) => {
    open = true;
    const bare = token.replace(/["'”’)\]}*]+$/u, '');
    const end = bare.at(-1);
    if (end !== '.' && end !== '?' && end !== '!') return;
    if (end === '.') {
      const word = bare
        .slice(0, -1)
        .replace(/^["'“‘([{*]+/u, '')
        .toLowerCase();
      const next = tokens[index + 1];
      if (abbreviations.has(word) || /^\p{L}$/u.test(word)) return;
      if (next !== undefined && /^\p{Ll}/u.test(next)) return;
    }
    sentences += 1;
    open = false;
  });
  return sentences + (open ? 1 : 0);
}

const treebankContraction = /^(.+?)('s|'m|'d|'ll|'re|'ve|n't)$/iu;

/**
 * NLTK `word_tokenize`, approximated: white-space tokens split at the punctuation Treebank separates
 * (`,;:!?()[]{}"` and a final `.`), and at the contractions `'s 'm 'd 'll 're 've n't`. Hyphenated words stay whole.
 */
export function wordTokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const chunk of text.split(/\s+/u)) {
    for (const piece of chunk.split(/([,;:!?()[\]{}"“”]|\.$)/u)) {
      if (piece === '' || piece === undefined) continue;
      const contraction = treebankContraction.exec(piece);
      if (contraction?.[1] !== undefined && contraction[2] !== undefined)
        tokens.push(contraction[1], contraction[2]);
      else tokens.push(piece);
    }
  }
  return tokens;
}
