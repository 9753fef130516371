import { pythonSplit } from '../../scoring/ifeval/python-regex-classes.ts';

/** Python's `string.punctuation`: the ASCII punctuation characters. */
const asciiPunctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/**
 * hkust-nlp/ceval code/evaluator_series/evaluators/evaluator.py `normalize_answer`: lower case, ASCII
 * punctuation removed (full-width "：" and "。" stay), runs of whitespace made one space, ends trimmed.
 */
export function normalizeCevalAnswer(text: string): string {
  const withoutPunctuation = [...text.toLowerCase()].filter((char) => !asciiPunctuation.has(char)).join('');
  return pythonSplit(withoutPunctuation).join(' ');
}
