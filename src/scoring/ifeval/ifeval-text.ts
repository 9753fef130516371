import { nltkWordTokenize } from './nltk-word-tokenize.ts';
import { punktSentences } from './punkt-sentence-tokenizer.ts';

/**
 * Text helpers of IFEval's reference checker (`instructions_util.py`), in TypeScript. Where upstream calls NLTK
 * (Punkt sentence splitting, `word_tokenize`) these call ports of the same algorithms with the same English model.
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

/** `count_sentences`: the number of sentences NLTK's English Punkt model finds (`punkt/english.pickle`). */
export function countSentences(text: string): number {
  return punktSentences(text).length;
}

/** `nltk.word_tokenize` (used by `change_case:capital_word_frequency`). */
export function wordTokenize(text: string): string[] {
  return nltkWordTokenize(text);
}
