import { englishPunktParameters, type PunktParameters } from './punkt-parameters.ts';
import {
  pythonEnd,
  pythonNonSpace,
  pythonRstrip,
  pythonSpace,
  pythonStrip,
  pythonWordNotDigit,
} from './python-regex-classes.ts';

/**
 * NLTK's `PunktSentenceTokenizer.tokenize` (nltk 3.8, `nltk/tokenize/punkt.py`) with a trained model, by default the
 * English one IFEval's `count_sentences` and `word_tokenize` load: candidate ends are `.`, `?`, `!` followed by
 * white space and a token (or by closing punctuation); a period after a known abbreviation, an initial or a number
 * is then kept or dropped as a break by the model's collocations, sentence starters and orthographic statistics.
 * Line breaks alone never end a sentence. Closing quotes and brackets after a break stay with their sentence.
 */
export function punktSentences(
  text: string,
  parameters: PunktParameters = englishPunktParameters(),
): string[] {
  const slices = realignBoundaries(text, sliceSentences(text, parameters));
  return slices.map(([start, end]) => text.slice(start, end));
}

const nonWordCharacters = String.raw`(?:[)";}\]*:@'({\[?!])`;
const multiCharacterPunctuation = String.raw`(?:-{2,}|\.{2,}|(?:\.${pythonSpace}){2,}\.)`;
const wordStart = String.raw`[^("\x60{\[:;&#*@)}\]\-,]`;
const end = String.raw`$`;
/** `PunktLanguageVars._word_tokenize_fmt`: splits punctuation other than periods off words. */
const wordPattern = new RegExp(
  `${multiCharacterPunctuation}` +
    `|(?=${wordStart})${pythonNonSpace}+?` +
    `(?=${pythonSpace}|${end}|${nonWordCharacters}|${multiCharacterPunctuation}` +
    `|,(?=${end}|${pythonSpace}|${nonWordCharacters}|${multiCharacterPunctuation}))` +
    `|${pythonNonSpace}`,
  'gu',
);
/** `PunktLanguageVars.period_context_re`: a possible sentence end and, in a look-ahead, what follows it. */
const periodContextPattern = new RegExp(
  `[.?!](?=(?<after>${nonWordCharacters}|${pythonSpace}+(?<next>${pythonNonSpace}+)))`,
  'gud',
);
const boundaryRealignmentPattern = new RegExp(`["')\\]}]+?(?:${pythonSpace}+|(?=--)|(?=\\n|$))`, 'uy');
const numericPattern = new RegExp(String.raw`^-?[.,]?\p{Nd}[\p{Nd},.\-]*\.?${pythonEnd}`, 'u');
const initialPattern = new RegExp(`^${pythonWordNotDigit}\\.${pythonEnd}`, 'u');
const ellipsisPattern = new RegExp(String.raw`^\.\.+${pythonEnd}`, 'u');
const asciiWhitespace = ' \t\n\r\v\f';

const orthoBeginUpper = 1 << 1;
const orthoMiddleUpper = 1 << 2;
const orthoUnknownUpper = 1 << 3;
const orthoBeginLower = 1 << 4;
const orthoMiddleLower = 1 << 5;
const orthoUnknownLower = 1 << 6;
const orthoUpper = orthoBeginUpper + orthoMiddleUpper + orthoUnknownUpper;
const orthoLower = orthoBeginLower + orthoMiddleLower + orthoUnknownLower;

/** `PunktToken`: a word with the annotations the two passes set. */
interface Token {
  readonly text: string;
  /** Lower case, numbers replaced by `##number##`. */
  readonly type: string;
  readonly periodFinal: boolean;
  sentenceBreak: boolean;
  abbreviation: boolean;
  ellipsis: boolean;
}

function makeToken(text: string): Token {
  return {
    text,
    type: text.toLowerCase().replace(numericPattern, '##number##'),
    periodFinal: text.endsWith('.'),
    sentenceBreak: false,
    abbreviation: false,
    ellipsis: false,
  };
}

const typeNoPeriod = (token: Token): string =>
  token.type.length > 1 && token.type.endsWith('.') ? token.type.slice(0, -1) : token.type;
const typeNoSentencePeriod = (token: Token): string =>
  token.sentenceBreak ? typeNoPeriod(token) : token.type;
const firstCharacter = (token: Token): string => String.fromCodePoint(token.text.codePointAt(0) ?? 0);
const firstUpper = (token: Token): boolean => /^\p{Uppercase}$/u.test(firstCharacter(token));
const firstLower = (token: Token): boolean => /^\p{Lowercase}$/u.test(firstCharacter(token));

/** `_tokenize_words`: the tokens of each non-blank line. */
function tokenizeWords(text: string): Token[] {
  const tokens: Token[] = [];
  for (const line of text.split('\n')) {
    if (pythonStrip(line) === '') continue;
    for (const match of line.matchAll(wordPattern)) tokens.push(makeToken(match[0]));
  }
  return tokens;
}

/** `_first_pass_annotation`: decisions from the word type alone. */
function annotateFirstPass(token: Token, parameters: PunktParameters): void {
  const { text } = token;
  if (text === '.' || text === '?' || text === '!') token.sentenceBreak = true;
  else if (ellipsisPattern.test(text)) token.ellipsis = true;
  else if (token.periodFinal && !text.endsWith('..')) {
    const withoutPeriod = text.slice(0, -1).toLowerCase();
    if (
      parameters.abbreviationTypes.has(withoutPeriod) ||
      parameters.abbreviationTypes.has(withoutPeriod.split('-').at(-1) ?? '')
    )
      token.abbreviation = true;
    else token.sentenceBreak = true;
  }
}

/** `_ortho_heuristic`: true, false or unknown whether `token` starts a sentence. */
function orthographicHeuristic(token: Token, parameters: PunktParameters): boolean | 'unknown' {
  if ([';', ':', ',', '.', '!', '?'].includes(token.text)) return false;
  const context = parameters.orthographicContext.get(typeNoSentencePeriod(token)) ?? 0;
  if (firstUpper(token) && context & orthoLower && !(context & orthoMiddleUpper)) return true;
  if (firstLower(token) && (context & orthoUpper || !(context & orthoBeginLower))) return false;
  return 'unknown';
}

/** `_second_pass_annotation`: revises a period-final token from the token after it. */
function annotateSecondPass(token: Token, next: Token, parameters: PunktParameters): void {
  if (!token.periodFinal) return;
  const type = typeNoPeriod(token);
  const nextType = typeNoSentencePeriod(next);
  const isInitial = initialPattern.test(token.text);
  if (parameters.collocations.has(`${type}\t${nextType}`)) {
    token.sentenceBreak = false;
    token.abbreviation = true;
    return;
  }
  if ((token.abbreviation || token.ellipsis) && !isInitial) {
    if (orthographicHeuristic(next, parameters) === true) {
      token.sentenceBreak = true;
      return;
    }
    if (firstUpper(next) && parameters.sentenceStarters.has(nextType)) {
      token.sentenceBreak = true;
      return;
    }
  }
  if (isInitial || type === '##number##') {
    const startsSentence = orthographicHeuristic(next, parameters);
    if (startsSentence === false) {
      token.sentenceBreak = false;
      token.abbreviation = true;
      return;
    }
    if (
      startsSentence === 'unknown' &&
      isInitial &&
      firstUpper(next) &&
      !((parameters.orthographicContext.get(nextType) ?? 0) & orthoLower)
    ) {
      token.sentenceBreak = false;
      token.abbreviation = true;
    }
  }
}

/** `text_contains_sentbreak`: some token after the first is preceded by a sentence break. */
function containsSentenceBreak(text: string, parameters: PunktParameters): boolean {
  const tokens = tokenizeWords(text);
  for (const token of tokens) annotateFirstPass(token, parameters);
  let found = false;
  for (const [index, token] of tokens.entries()) {
    if (found) return true;
    const next = tokens[index + 1];
    if (next !== undefined) annotateSecondPass(token, next, parameters);
    if (token.sentenceBreak) found = true;
  }
  return false;
}

/** `_get_last_whitespace_index`: index of the last ASCII white space in `text`, 0 when there is none. */
function lastWhitespaceIndex(text: string): number {
  for (let index = text.length - 1; index >= 0; index--) {
    if (asciiWhitespace.includes(text[index] as string)) return index;
  }
  return 0;
}

interface EndContext {
  /** Index just after the candidate end character. */
  readonly end: number;
  /** Start of the token after it, when white space and a token follow. */
  readonly nextStart: number | undefined;
  /** The word before, the end character and what follows it. */
  readonly context: string;
}

/** `_match_potential_end_contexts`: each candidate end with the word before it; overlapping ones keep the last. */
function potentialEndContexts(text: string): EndContext[] {
  const contexts: EndContext[] = [];
  let previousSlice: [number, number] = [0, 0];
  let previous: RegExpExecArray | undefined;
  const contextOf = (match: RegExpExecArray, [start, stop]: [number, number]): EndContext => ({
    end: match.index + match[0].length,
    nextStart: match.indices?.groups?.next?.[0],
    context: text.slice(start, stop) + match[0] + (match.groups?.after ?? ''),
  });
  periodContextPattern.lastIndex = 0;
  for (let match = periodContextPattern.exec(text); match !== null; match = periodContextPattern.exec(text)) {
    const beforeText = text.slice(previousSlice[1], match.index);
    let afterLastSpace = lastWhitespaceIndex(beforeText);
    afterLastSpace = afterLastSpace !== 0 ? afterLastSpace + previousSlice[1] + 1 : previousSlice[0];
    const wordSlice: [number, number] = [afterLastSpace, match.index];
    if (previous !== undefined && previousSlice[1] <= wordSlice[0])
      contexts.push(contextOf(previous, previousSlice));
    previous = match;
    previousSlice = wordSlice;
  }
  if (previous !== undefined) contexts.push(contextOf(previous, previousSlice));
  return contexts;
}

/** `_slices_from_text`: `[start, end)` of each sentence before realignment. */
function sliceSentences(text: string, parameters: PunktParameters): Array<[number, number]> {
  const slices: Array<[number, number]> = [];
  let lastBreak = 0;
  for (const { end, nextStart, context } of potentialEndContexts(text)) {
    if (!containsSentenceBreak(context, parameters)) continue;
    slices.push([lastBreak, end]);
    lastBreak = nextStart ?? end;
  }
  slices.push([lastBreak, pythonRstrip(text).length]);
  return slices;
}

/** `_realign_boundaries`: closing quotes or brackets after a break join the sentence they close; empty ones go. */
function realignBoundaries(text: string, slices: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  let realign = 0;
  slices.forEach(([start, stop], index) => {
    const sentence: [number, number] = [start + realign, stop];
    const next = slices[index + 1];
    const nonEmpty = sentence[0] < sentence[1];
    if (next === undefined) {
      if (nonEmpty) result.push(sentence);
      return;
    }
    boundaryRealignmentPattern.lastIndex = 0;
    const match = boundaryRealignmentPattern.exec(text.slice(next[0], next[1]));
    if (match !== null) {
      result.push([sentence[0], next[0] + pythonRstrip(match[0]).length]);
      realign = match[0].length;
    } else {
      realign = 0;
      if (nonEmpty) result.push(sentence);
    }
  });
  return result;
}
