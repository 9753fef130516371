/**
 * simple-evals multiple-choice answer extraction (`common.py`: `normalize_response`,
 * `MULTILINGUAL_ANSWER_REGEXES`, `MULTILINGUAL_ANSWER_PATTERN_TEMPLATE`, `normalize_extracted_answer`; used by
 * `mmlu_eval.py`). The strings below are upstream data, transcribed.
 */

/** Upstream's answer markers, tried in this order. Python `\s` is written `\s` (JavaScript's is near-identical). */
const answerMarkers: readonly string[] = [
  'Answer\\s*:',
  // Upstream repeats this entry with an invisible (Korean) character; that variant is omitted here. It only
  // matters for replies in which the plain English marker above does not match.
  'উত্তর\\s*:',
  'उत्तर\\s*:',
  'উত্তরঃ',
  'উত্তর\\s*:',
  'Antwort\\s*:',
  '답변\\s*:',
  '정답\\s*:',
  '답\\s*:',
  '答案\\s*：',
  '答案\\s*:',
  '答\\s*：',
  '答\\s*:',
  '答复\\s*：',
  '答曰\\s*：',
  'الإجابة:',
  'الجواب:',
  'إجابة:',
  'الإجابة النهائية:',
  'الإجابة الصحيحة:',
  'الإجابة الصحيحة هي:',
  'الإجابة هي:',
  'الجواب النهائي:',
  'Respuesta\\s*:',
  'Risposta\\s*:',
  '答え\\s*:',
  '答え\\s*：',
  '回答\\s*:',
  '回答\\s*：',
  '解答\\s*:',
  'Jawaban\\s*:',
  'Réponse\\s*:',
  'Resposta\\s*:',
  'Jibu\\s*:',
  'Idahun\\s*:',
  'Ìdáhùn\\s*:',
  'Idáhùn\\s*:',
  'Àmọ̀nà\\s*:',
  'Àdáhùn\\s*:',
  'Ànúgọ\\s*:',
  'Àṣàyàn\\s*:',
];

/** `(?i){marker}[ \t]*(letter)`: A-D (any case, because of `(?i)`) or their Arabic, Bengali, full-width forms. */
const answerPatterns: readonly RegExp[] = answerMarkers.map(
  (marker) => new RegExp(`${marker}[ \\t]*([A-D]|[أ-د]|[অ]|[ব]|[ড]|[ঢ]|[Ａ]|[Ｂ]|[Ｃ]|[Ｄ])`, 'iu'),
);

/** Removed, in this order, everywhere in the reply (upstream `normalize_response`). */
const markupToRemove: readonly string[] = [
  '**',
  '$\\boxed{',
  '}$',
  '\\$',
  '$\\text{',
  '$',
  '\\mathrm{',
  '\\{',
  '\\text',
  '\\(',
  '\\mathbf{',
  '{',
  '\\boxed',
];

/** Strips Markdown bold and LaTeX wrappers that would hide an `Answer: X` line (upstream `normalize_response`). */
export function normalizeResponse(response: string): string {
  return markupToRemove.reduce((text, markup) => text.split(markup).join(''), response);
}

const letterReplacements: ReadonlyArray<readonly [string, string]> = [
  ['أ', ' A'],
  ['ب', ' B'],
  ['ج', ' C'],
  ['د', ' D'],
  ['অ', ' A'],
  ['ব', ' B'],
  ['ড', ' C'],
  ['ঢ', ' D'],
  ['Ａ', ' A'],
  ['Ｂ', ' B'],
  ['Ｃ', ' C'],
  ['Ｄ', ' D'],
];

/** Maps Arabic, Bengali and full-width letters to A-D, then trims (upstream `normalize_extracted_answer`). */
export function normalizeExtractedAnswer(answer: string): string {
  return letterReplacements.reduce((text, [from, to]) => text.split(from).join(to), answer).trim();
}

/**
 * The letter a reply gives, as simple-evals MMLU finds it: normalise the reply, then for each marker in order
 * take the FIRST match in the text (`re.search`), and stop at the first marker that matches. Lower-case letters
 * are returned as found (so they do not equal an upper-case gold letter, as upstream). Null when nothing matches.
 *
 * First match is upstream behaviour: a reply that writes "Answer: A" while reasoning and ends with
 * "Answer: C" is read as A. openai/simple-evals issue #33 / PR #34 propose taking the last match instead; we
 * keep the first so that scores stay comparable with published simple-evals figures.
 */
export function extractMultipleChoiceAnswer(response: string): string | null {
  const text = normalizeResponse(response);
  for (const pattern of answerPatterns) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined) return normalizeExtractedAnswer(match[1]);
  }
  return null;
}
