import { detectLanguage } from './detect-language.ts';
import { countSentences, countWords, isLowerPython, isUpperPython, wordTokenize } from './ifeval-text.ts';

/** An instruction's keyword arguments as written in `input_data.jsonl` (`kwargs[i]`). */
export type InstructionArguments = Readonly<Record<string, unknown>>;

/** True when `response` follows the instruction (google-research `instructions.py` `check_following`). */
export type InstructionCheck = (response: string, args: InstructionArguments) => boolean;

const text = (args: InstructionArguments, key: string): string => String(args[key] ?? '');
const count = (args: InstructionArguments, key: string): number => Number(args[key] ?? 0);
const list = (args: InstructionArguments, key: string): string[] =>
  Array.isArray(args[key]) ? (args[key] as unknown[]).map(String) : [];

/** `less than` → actual < threshold; anything else (`at least`) → actual >= threshold. */
function compare(actual: number, relation: string, threshold: number): boolean {
  return relation === 'less than' ? actual < threshold : actual >= threshold;
}

/** Upstream uses keywords as regular expressions; one that is not valid JavaScript is matched literally. */
function keywordPattern(keyword: string, flags: string): RegExp {
  try {
    return new RegExp(keyword, flags);
  } catch {
    return new RegExp(keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  }
}

const constrainedOptions = ['My answer is yes.', 'My answer is no.', 'My answer is maybe.'];

/** Every instruction type of IFEval (`instructions_registry.INSTRUCTION_DICT`), checked as upstream does. */
export const instructionChecks: Readonly<Record<string, InstructionCheck>> = {
  'keywords:existence': (response, args) =>
    list(args, 'keywords').every((keyword) => keywordPattern(keyword, 'iu').test(response)),
  'keywords:frequency': (response, args) =>
    compare(
      response.match(keywordPattern(text(args, 'keyword').trim(), 'giu'))?.length ?? 0,
      text(args, 'relation'),
      count(args, 'frequency'),
    ),
  'keywords:forbidden_words': (response, args) =>
    !list(args, 'forbidden_words').some((word) => keywordPattern(`\\b${word}\\b`, 'i').test(response)),
  'keywords:letter_frequency': (response, args) => {
    // Upstream takes only a single letter a-z here (anything else draws a random letter), so it strips nothing.
    const letter = text(args, 'letter').toLowerCase();
    const occurrences = [...response.toLowerCase()].filter((character) => character === letter).length;
    return compare(occurrences, text(args, 'let_relation'), count(args, 'let_frequency'));
  },
  'language:response_language': (response, args) => {
    const detected = detectLanguage(response);
    return detected === null || detected === text(args, 'language');
  },
  'length_constraints:number_sentences': (response, args) =>
    compare(countSentences(response), text(args, 'relation'), count(args, 'num_sentences')),
  'length_constraints:number_paragraphs': (response, args) => {
    const paragraphs = response.split(/\s?\*\*\*\s?/u);
    let found = paragraphs.length;
    for (const [index, paragraph] of paragraphs.entries()) {
      if (paragraph.trim() !== '') continue;
      if (index === 0 || index === paragraphs.length - 1) found -= 1;
      else return false;
    }
    return found === count(args, 'num_paragraphs');
  },
  'length_constraints:number_words': (response, args) =>
    compare(countWords(response), text(args, 'relation'), count(args, 'num_words')),
  'length_constraints:nth_paragraph_first_word': (response, args) => {
    const paragraphs = response.split('\n\n');
    const found = paragraphs.filter((paragraph) => paragraph.trim() !== '').length;
    const nth = count(args, 'nth_paragraph');
    if (nth > found) return false;
    const paragraph = (paragraphs[nth - 1] ?? '').trim();
    if (paragraph === '') return false;
    // The paragraph is trimmed, so its first piece has no white space left for upstream's `.strip()` to remove.
    // Stryker disable next-line StringLiteral: split always returns a first piece
    const token = paragraph.split(/\s+/u)[0] ?? '';
    const word = token.replace(/^'+/u, '').replace(/^"+/u, '');
    let firstWord = '';
    for (const letter of word) {
      if ('.,?!\'"'.includes(letter)) break;
      firstWord += letter.toLowerCase();
    }
    return found === count(args, 'num_paragraphs') && firstWord === text(args, 'first_word').toLowerCase();
  },
  'detectable_content:number_placeholders': (response, args) =>
    (response.match(/\[.*?\]/gu)?.length ?? 0) >= count(args, 'num_placeholders'),
  'detectable_content:postscript': (response, args) => {
    const marker = text(args, 'postscript_marker').trim();
    // Upstream's patterns are `\s*` + these + `.*$` (MULTILINE), which match wherever these do.
    const pattern =
      marker === 'P.P.S'
        ? /p\.\s?p\.\s?s/u
        : marker === 'P.S.'
          ? /p\.\s?s\./u
          : keywordPattern(`\\s*${marker.toLowerCase()}.*$`, 'mu');
    return pattern.test(response.toLowerCase());
  },
  'detectable_format:number_bullet_lists': (response, args) =>
    // Upstream's `.*$`: a greedy `.*` always ends where MULTILINE `$` matches, so the `$` is left out.
    (response.match(/^\s*\*[^*].*/gmu)?.length ?? 0) + (response.match(/^\s*-.*/gmu)?.length ?? 0) ===
    count(args, 'num_bullets'),
  'detectable_format:constrained_response': (response) =>
    // Upstream strips the response first, which cannot change whether it contains an option.
    constrainedOptions.some((option) => response.includes(option)),
  'detectable_format:number_highlighted_sections': (response, args) => {
    // Each match is `*…*` with no other `*`, so upstream's `strip("*")` takes off exactly its first and last character.
    const single = (response.match(/\*[^\n*]*\*/gu) ?? []).filter(
      (highlight) => highlight.slice(1, -1).trim() !== '',
    );
    const double = (response.match(/\*\*[^\n*]*\*\*/gu) ?? []).filter(
      (highlight) => highlight.slice(2, -2).trim() !== '',
    );
    return single.length + double.length >= count(args, 'num_highlights');
  },
  'detectable_format:multiple_sections': (response, args) => {
    const splitter = text(args, 'section_spliter').trim();
    const sections = response.split(keywordPattern(`\\s?${splitter}\\s?\\d+\\s?`, 'u'));
    return sections.length - 1 >= count(args, 'num_sections');
  },
  'detectable_format:json_format': (response) => {
    let value = response.trim();
    // Python's chained `removeprefix` calls: each is tried in turn on what the previous one left.
    for (const prefix of ['```json', '```Json', '```JSON', '```']) {
      if (value.startsWith(prefix)) value = value.slice(prefix.length);
    }
    if (value.endsWith('```')) value = value.slice(0, -3);
    try {
      JSON.parse(value.trim());
      return true;
    } catch {
      return false;
    }
  },
  'detectable_format:title': (response) =>
    (response.match(/<<[^\n]+>>/gu) ?? []).some(
      (title) => title.replace(/^<+/u, '').replace(/>+$/u, '').trim() !== '',
    ),
  'combination:two_responses': (response) => {
    const parts = response.split('******');
    const valid: string[] = [];
    for (const [index, part] of parts.entries()) {
      if (part.trim() !== '') valid.push(part);
      else if (index !== 0 && index !== parts.length - 1) return false;
    }
    // Stryker disable next-line OptionalChaining: both entries exist once the length is 2
    return valid.length === 2 && valid[0]?.trim() !== valid[1]?.trim();
  },
  'combination:repeat_prompt': (response, args) =>
    response.trim().toLowerCase().startsWith(text(args, 'prompt_to_repeat').trim().toLowerCase()),
  'startend:end_checker': (response, args) =>
    response
      .trim()
      .replace(/^"+|"+$/gu, '')
      .toLowerCase()
      .endsWith(text(args, 'end_phrase').trim().toLowerCase()),
  'change_case:capital_word_frequency': (response, args) =>
    compare(
      wordTokenize(response).filter((word) => isUpperPython(word)).length,
      text(args, 'capital_relation'),
      count(args, 'capital_frequency'),
    ),
  'change_case:english_capital': (response) =>
    isUpperPython(response) && (detectLanguage(response) ?? 'en') === 'en',
  'change_case:english_lowercase': (response) =>
    isLowerPython(response) && (detectLanguage(response) ?? 'en') === 'en',
  'punctuation:no_comma': (response) => !response.includes(','),
  'startend:quotation': (response) => {
    const value = response.trim();
    return value.length > 1 && value.startsWith('"') && value.endsWith('"');
  },
};
