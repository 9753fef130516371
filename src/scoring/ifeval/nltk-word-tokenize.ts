import { punktSentences } from './punkt-sentence-tokenizer.ts';
import {
  pythonEnd,
  pythonSpace,
  pythonSplit,
  pythonWord,
  pythonWordBoundary,
} from './python-regex-classes.ts';

/**
 * `nltk.word_tokenize(text)` (nltk 3.8): the text split into sentences by the English Punkt model, then each sentence
 * by `NLTKWordTokenizer` (the improved Penn Treebank tokenizer): quotes become `` and '', punctuation and brackets
 * are split off, a period only at the end of a sentence, and contractions split as `do n't`, `I 'm`, `can not`.
 */
export function nltkWordTokenize(text: string): string[] {
  return punktSentences(text).flatMap((sentence) => treebankWordTokenize(sentence));
}

type Rule = readonly [RegExp, string];

const rule = (source: string, replacement: string, flags = ''): Rule => [
  new RegExp(source, `gu${flags}`),
  replacement,
];
const b = pythonWordBoundary;

const startingQuotes: readonly Rule[] = [
  rule('([«“‘„]|[`]+)', ' $1 '),
  rule('^"', '``'),
  rule('(``)', ' $1 '),
  rule(String.raw`([ (\[{<])("|'{2})`, '$1 `` '),
  rule(`(')(?!re|ve|ll|m|t|s|d|n)(${pythonWord})(?!${pythonWord})`, '$1 $2', 'i'),
];

const punctuation: readonly Rule[] = [
  rule(String.raw`([^.])(\.)([\]\)}>"'»”’ ]*)${pythonSpace}*${pythonEnd}`, '$1 $2 $3 '),
  rule(String.raw`([:,])([^\p{Nd}])`, ' $1 $2'),
  rule(`([:,])${pythonEnd}`, ' $1 '),
  rule(String.raw`\.{2,}`, ' $& '),
  rule('[;@#$%&]', ' $& '),
  rule(String.raw`([^.])(\.)([\]\)}>"']*)${pythonSpace}*${pythonEnd}`, '$1 $2$3 '),
  rule('[?!]', ' $& '),
  rule("([^'])' ", "$1 ' "),
  rule('[*]', ' $& '),
];

const parensBrackets = rule(String.raw`[\]\[(){}<>]`, ' $& ');
const doubleDashes = rule('--', ' -- ');

const endingQuotes: readonly Rule[] = [
  rule('([»”’])', ' $1 '),
  rule("''", " '' "),
  rule('"', " '' "),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", '$1 $2 '),
  rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", '$1 $2 '),
];

/** Robert MacIntyre's contractions (`MacIntyreContractions.CONTRACTIONS2` and `CONTRACTIONS3`), case-insensitive. */
const contractions: readonly Rule[] = [
  rule(`${b}(can)(not)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(d)('ye)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(gim)(me)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(gon)(na)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(got)(ta)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(lem)(me)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(more)('n)${b}`, ' $1 $2 ', 'i'),
  rule(`${b}(wan)(na)(?=${pythonSpace})`, ' $1 $2 ', 'i'),
  rule(` ('t)(is)${b}`, ' $1 $2 ', 'i'),
  rule(` ('t)(was)${b}`, ' $1 $2 ', 'i'),
];

const apply = (text: string, rules: readonly Rule[]): string =>
  rules.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);

/** `NLTKWordTokenizer.tokenize(sentence)` without parenthesis conversion. */
export function treebankWordTokenize(sentence: string): string[] {
  let text = apply(sentence, startingQuotes);
  text = apply(text, punctuation);
  text = apply(text, [parensBrackets, doubleDashes]);
  text = apply(` ${text} `, endingQuotes);
  text = apply(text, contractions);
  return pythonSplit(text);
}
