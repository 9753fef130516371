// Benchmark data: the real MMLU folder (../shared/datasets/mmlu) when present, else generated files of the same
// layout and size (57 subjects, 14,042 test rows of ~450 bytes, 5 dev rows each).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const fullMmluItems = 14_042;
const subjects = 57;

const csvField = (value: string): string => `"${value.replaceAll('"', '""')}"`;

function row(subject: string, split: string, index: number): string {
  const question = `In ${subject} (${split} ${index}), which of the following is true about the quantity described here? `;
  const padded = question.repeat(3).slice(0, 300);
  const choices = ['A', 'B', 'C', 'D'].map(
    (letter) => `option ${letter} for ${subject} ${split} ${index}, stated`,
  );
  return [padded, ...choices, 'ABCD'[index % 4] ?? 'A'].map(csvField).join(',');
}

/** The data folder to pass as --data-dir, and what it is. Generated data goes to `scratch`. */
export function mmluSizedData(scratch: string): { dataDir: string; source: string } {
  const real = resolve(import.meta.dirname, '../../shared/datasets');
  if (existsSync(join(real, 'mmlu', 'data', 'test'))) {
    return { dataDir: real, source: 'real MMLU (../shared/datasets/mmlu: 57 subjects, 14,042 test items)' };
  }
  const root = join(scratch, 'data');
  for (const split of ['dev', 'test']) mkdirSync(join(root, 'mmlu', 'data', split), { recursive: true });
  for (let index = 0; index < subjects; index += 1) {
    const subject = `subject_${String(index).padStart(2, '0')}`;
    const testRows = Math.floor(fullMmluItems / subjects) + (index < fullMmluItems % subjects ? 1 : 0);
    for (const [split, rows] of [
      ['dev', 5],
      ['test', testRows],
    ] as const) {
      const lines = Array.from({ length: rows }, (_, rowIndex) => row(subject, split, rowIndex));
      writeFileSync(join(root, 'mmlu', 'data', split, `${subject}_${split}.csv`), `${lines.join('\n')}\n`);
    }
  }
  return { dataDir: root, source: 'generated MMLU of the real layout and size (../shared/datasets absent)' };
}
