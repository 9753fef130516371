const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One choice as templates see it. */
export interface LetteredChoice {
  readonly letter: string;
  readonly text: string;
}

/** A multiple-choice item: choices lettered ({letter, text}) or plain strings (lettered A, B, …). */
export interface MultipleChoiceData {
  readonly question: string;
  readonly choices: readonly (LetteredChoice | string)[];
  /** The gold letter, or the gold choice's 0-based index. */
  readonly answer: string | number;
}

/** Whether an item's data has the multiple-choice shape (question, choices, answer). */
export function isMultipleChoiceData(data: unknown): data is MultipleChoiceData {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  return (
    typeof record.question === 'string' &&
    Array.isArray(record.choices) &&
    (typeof record.answer === 'string' || typeof record.answer === 'number')
  );
}

/**
 * The template variables of a multiple-choice item, besides its own fields:
 * - `question`, `answer` (the gold letter), `answer_text` (the gold choice's text);
 * - `choices` ({letter, text} entries; log-likelihood continuations are filled per choice with `letter`, `text`);
 * - `letters` ("ABCD": the items' letters, as simple-evals' "one of ABCD");
 * - `choice_list` (one line per choice, "A) text", as simple-evals' template shows them);
 * - `choice_a`, `choice_b`, … (each choice's text). `slots: 4` defines `choice_a` to `choice_d` even when an item
 *   has fewer choices ('' for the missing ones), for templates that always show four.
 */
export function multipleChoiceVariables(
  data: MultipleChoiceData,
  options: { slots?: number } = {},
): Record<string, unknown> {
  const choices: LetteredChoice[] = data.choices.map((choice, index) =>
    typeof choice === 'string' ? { letter: letters[index] ?? '?', text: choice } : choice,
  );
  const answer =
    typeof data.answer === 'number' ? (choices[data.answer]?.letter ?? String(data.answer)) : data.answer;
  const slots: Record<string, string> = {};
  for (let index = 0; index < Math.max(options.slots ?? 0, choices.length); index += 1) {
    const letter = choices[index]?.letter ?? letters[index] ?? '?';
    slots[`choice_${letter.toLowerCase()}`] = choices[index]?.text ?? '';
  }
  return {
    ...data,
    question: data.question,
    answer,
    answer_text: choices.find((choice) => choice.letter === answer)?.text ?? '',
    choices,
    letters: choices.map((choice) => choice.letter).join(''),
    choice_list: choices.map((choice) => `${choice.letter}) ${choice.text}`).join('\n'),
    ...slots,
  };
}
