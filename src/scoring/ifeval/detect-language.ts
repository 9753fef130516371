import { cyrillicWords, devanagariWords, latinWords } from './language-common-words.ts';

/**
 * A small stand-in for `langdetect` (which IFEval's reference checker uses): ISO 639-1 code of the text's
 * language from the Unicode script of its letters and, within a script shared by several languages, from common
 * words and letters. It covers the languages of IFEval's `language:response_language` instructions and English
 * (for `change_case:english_*`). Null when the text has no letters (langdetect then raises, and the reference
 * counts the instruction as followed). docs/decisions/0031-ifeval-checkers.md lists where it can differ.
 */
export function detectLanguage(text: string): string | null {
  const counts = new Map<string, number>();
  for (const character of text) {
    const script = scriptOf(character);
    if (script !== undefined) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let dominant: string | undefined;
  let best = 0;
  for (const [script, count] of counts) {
    if (count > best) [dominant, best] = [script, count];
  }
  if (dominant === undefined) return null;
  const kana = (counts.get('hiragana') ?? 0) + (counts.get('katakana') ?? 0);
  if (dominant === 'han' || dominant === 'hiragana' || dominant === 'katakana') {
    return kana > 0 ? 'ja' : 'zh-cn';
  }
  const fixed = singleLanguageScripts[dominant];
  if (fixed !== undefined) return fixed;
  const lower = text.toLowerCase();
  if (dominant === 'arabic') {
    if (/[ٹڈڑںےۓ]/u.test(text)) return 'ur';
    if (/[پچژگ]/u.test(text) || (/[یک]/u.test(text) && !/[يكة]/u.test(text))) return 'fa';
    return 'ar';
  }
  if (dominant === 'cyrillic') {
    if (/[ґєії]/u.test(lower)) return 'uk';
    if (/[ыэё]/u.test(lower)) return 'ru';
    return bestByWords(lower, cyrillicWords) ?? 'ru';
  }
  if (dominant === 'devanagari') return bestByWords(lower, devanagariWords) ?? 'hi';
  // Latin script.
  if ((lower.match(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/gu)?.length ?? 0) >= 3)
    return 'vi';
  return bestByWords(lower, latinWords) ?? 'en';
}

const scriptRanges: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Latin}/u, 'latin'],
  [/\p{Script=Cyrillic}/u, 'cyrillic'],
  [/\p{Script=Arabic}/u, 'arabic'],
  [/\p{Script=Devanagari}/u, 'devanagari'],
  [/\p{Script=Bengali}/u, 'bengali'],
  [/\p{Script=Gurmukhi}/u, 'gurmukhi'],
  [/\p{Script=Gujarati}/u, 'gujarati'],
  [/\p{Script=Tamil}/u, 'tamil'],
  [/\p{Script=Telugu}/u, 'telugu'],
  [/\p{Script=Kannada}/u, 'kannada'],
  [/\p{Script=Malayalam}/u, 'malayalam'],
  [/\p{Script=Thai}/u, 'thai'],
  [/\p{Script=Hangul}/u, 'hangul'],
  [/\p{Script=Hiragana}/u, 'hiragana'],
  [/\p{Script=Katakana}/u, 'katakana'],
  [/\p{Script=Han}/u, 'han'],
  [/\p{Script=Hebrew}/u, 'hebrew'],
  [/\p{Script=Greek}/u, 'greek'],
];

function scriptOf(character: string): string | undefined {
  if (!/\p{L}/u.test(character) && !/\p{M}/u.test(character)) return undefined;
  return scriptRanges.find(([pattern]) => pattern.test(character))?.[1];
}

const singleLanguageScripts: Readonly<Record<string, string>> = {
  bengali: 'bn',
  gurmukhi: 'pa',
  gujarati: 'gu',
  tamil: 'ta',
  telugu: 'te',
  kannada: 'kn',
  malayalam: 'ml',
  thai: 'th',
  hangul: 'ko',
  hebrew: 'he',
  greek: 'el',
};

/** The language whose common words occur most often in the text; null when none occurs. */
function bestByWords(lowerText: string, words: Readonly<Record<string, readonly string[]>>): string | null {
  const tokens = lowerText.match(/[\p{L}\p{M}]+/gu) ?? [];
  const frequency = new Map<string, number>();
  for (const token of tokens) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  let best: string | null = null;
  let bestScore = 0;
  for (const [language, list] of Object.entries(words)) {
    const score = list.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0);
    if (score > bestScore) [best, bestScore] = [language, score];
  }
  return best;
}
