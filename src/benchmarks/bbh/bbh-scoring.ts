import type { ItemScore, MetricSpec } from '../../spec/index.ts';

/** BBH: `accuracy` = the mean over tasks of per-task exact match (item key `accuracy`, group = task). */
export const bbhMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
];

/** The text up to the first blank line (generation stops at "\n\n" in both protocols). */
function firstParagraph(completion: string): string {
  const end = completion.indexOf('\n\n');
  return end < 0 ? completion : completion.slice(0, end);
}

/**
 * Python `So the answer is (.*?)\.?$` with `re.search` and no flags: `.` stops at a newline and `$` is the end
 * of the text (or just before a final newline), so the answer must be on the paragraph's last line.
 */
const cotAnswerPattern = /So the answer is (.*?)\.?(?=\n?$)/;

/**
 * Chain-of-thought answer: in the first paragraph, the text after "So the answer is " on its last line, without
 * one final ".". This is the scorer that reproduces the BBH authors' published per-task accuracies of Codex
 * exactly (`bbh/PROVENANCE.md`); null when there is none.
 */
export function extractBbhCotAnswer(completion: string): string | null {
  return cotAnswerPattern.exec(firstParagraph(completion))?.[1] ?? null;
}

/** Answer-only: the first line of the reply with surrounding whitespace removed (null when empty). */
export function extractBbhDirectAnswer(completion: string): string | null {
  // Stryker disable next-line StringLiteral: split always returns at least one string
  const answer = (completion.split('\n')[0] ?? '').trim();
  return answer === '' ? null : answer;
}

/** Exact string match with the target (no case or punctuation folding, as lm-eval and the BBH authors). */
export function scoreBbhAnswer(extracted: string | null, target: string): ItemScore {
  return { scores: { accuracy: extracted === target ? 1 : 0 }, extracted };
}

/**
 * lm-eval's `bbh_cot_fewshot` filter (`regex` with `(?<=the answer is )(.*)(?=.)`, then `take_first`;
 * lm_eval/filters/extraction.py `RegexFilter`): the first match anywhere in the reply — the rest of the line after
 * "the answer is " (lower-case "the") without its last character — stripped; "[invalid]" when there is none.
 * Python's `.` stops only at "\n", so the JavaScript pattern uses `[^\n]`.
 */
export function extractBbhCotAnswerLmEval(completion: string): string {
  const match = /(?<=the answer is )([^\n]*)(?=[^\n])/.exec(completion);
  return match?.[1] === undefined ? '[invalid]' : match[1].trim();
}

/**
 * lm-eval `bbh_cot_fewshot` / `bbh_fewshot` scoring: `exact_match` without any option (case, punctuation and
 * whitespace count) between the filtered reply and the target. A "[invalid]" extraction is kept as null.
 */
export function scoreBbhAnswerLmEval(prediction: string, target: string): ItemScore {
  return {
    scores: { accuracy: prediction === target ? 1 : 0 },
    extracted: prediction === '[invalid]' ? null : prediction,
  };
}
