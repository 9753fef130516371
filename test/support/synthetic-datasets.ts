import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LETTERS = ['A', 'B', 'C', 'D'] as const;

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes a synthetic MMLU folder (`mmlu/data/{dev,test}/<subject>_<split>.csv`, upstream layout) under
 * `root`: `subjects` subjects with `rowsPerSubject` test rows and 5 dev rows each. Answers cycle A–D.
 */
export function writeSyntheticMmlu(
  root: string,
  options: { subjects: number; rowsPerSubject: number },
): void {
  for (const split of ['dev', 'test'] as const)
    mkdirSync(join(root, 'mmlu', 'data', split), { recursive: true });
  for (let subjectIndex = 0; subjectIndex < options.subjects; subjectIndex += 1) {
    const subject = `subject_${String.fromCharCode(97 + (subjectIndex % 26))}${Math.floor(subjectIndex / 26) || ''}`;
    for (const [split, rows] of [
      ['dev', 5],
      ['test', options.rowsPerSubject],
    ] as const) {
      const lines: string[] = [];
      for (let row = 0; row < rows; row += 1) {
        const question = `In ${subject} (${split} ${row}), which option is number ${(row % 4) + 1}, "quoted", with a comma?`;
        const choices = LETTERS.map((letter) => `option ${letter} for ${subject} ${split} ${row}`);
        lines.push([question, ...choices, LETTERS[row % 4] ?? 'A'].map(csvField).join(','));
      }
      writeFileSync(join(root, 'mmlu', 'data', split, `${subject}_${split}.csv`), `${lines.join('\n')}\n`);
    }
  }
}

/** Writes a synthetic `gsm8k/test.jsonl` with `rows` problems whose answers are 2·i + 1. */
export function writeSyntheticGsm8k(root: string, options: { rows: number }): void {
  mkdirSync(join(root, 'gsm8k'), { recursive: true });
  const lines: string[] = [];
  for (let index = 0; index < options.rows; index += 1) {
    const answer = 2 * index + 1;
    lines.push(
      JSON.stringify({
        question: `Ann has ${index} apples and gets ${index + 1} more. How many apples does she have?`,
        answer: `She has ${index} + ${index + 1} = <<${index}+${index + 1}=${answer}>>${answer} apples.\n#### ${answer}`,
      }),
    );
  }
  writeFileSync(join(root, 'gsm8k', 'test.jsonl'), `${lines.join('\n')}\n`);
}

/**
 * Writes a synthetic `arc/ARC-Challenge/ARC-Challenge-Test.jsonl` (upstream layout) with `rows` questions:
 * four choices of different lengths, except every fourth question with three (labels 1-3 on every fifth row,
 * as some upstream rows are numbered). Answers cycle through the choices.
 */
export function writeSyntheticArc(root: string, options: { rows: number }): void {
  mkdirSync(join(root, 'arc', 'ARC-Challenge'), { recursive: true });
  const lines: string[] = [];
  for (let index = 0; index < options.rows; index += 1) {
    const count = index % 4 === 3 ? 3 : 4;
    const labels = index % 5 === 4 ? ['1', '2', '3', '4'] : [...LETTERS];
    const texts = ['a rock', 'the warm sun', 'water in a glass', 'a very long and winding river'];
    const choices = texts.slice(0, count).map((text, choice) => ({ text, label: labels[choice] ?? '?' }));
    lines.push(
      JSON.stringify({
        id: `Synthetic_${index}`,
        question: { stem: `Question ${index}: which of these is number ${(index % count) + 1}?`, choices },
        answerKey: labels[index % count],
      }),
    );
  }
  writeFileSync(join(root, 'arc', 'ARC-Challenge', 'ARC-Challenge-Test.jsonl'), `${lines.join('\n')}\n`);
}
