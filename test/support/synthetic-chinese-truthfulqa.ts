import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const letters = ['A', 'B', 'C', 'D'] as const;

/** RFC-4180 field: quoted when it holds a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Made-up CMMLU files (real subject names, which parity needs for the Chinese names and categories). */
export function writeSyntheticCmmlu(
  root: string,
  options: { subjects: readonly string[]; rows: number },
): void {
  for (const split of ['dev', 'test'] as const)
    mkdirSync(join(root, 'cmmlu', 'data', split), { recursive: true });
  for (const subject of options.subjects) {
    for (const [split, rows] of [
      ['dev', 5],
      ['test', options.rows],
    ] as const) {
      const lines = [',Question,A,B,C,D,Answer'];
      for (let row = 0; row < rows; row += 1) {
        const question = `${subject} ${split} 第${row}题，选哪一个？`;
        const choices = letters.map((letter) => `选项${letter}${row}`);
        lines.push([String(row), question, ...choices, letters[row % 4] ?? 'A'].map(csvField).join(','));
      }
      writeFileSync(join(root, 'cmmlu', 'data', split, `${subject}.csv`), `${lines.join('\n')}\n`);
    }
  }
}

/** Made-up C-Eval dev and val files (CRLF records, as upstream), real subject names. */
export function writeSyntheticCeval(
  root: string,
  options: { subjects: readonly string[]; rows: number },
): void {
  for (const split of ['dev', 'val'] as const) mkdirSync(join(root, 'ceval', split), { recursive: true });
  for (const subject of options.subjects) {
    for (const [split, rows] of [
      ['dev', 5],
      ['val', options.rows],
    ] as const) {
      const header =
        split === 'dev' ? 'id,question,A,B,C,D,answer,explanation' : 'id,question,A,B,C,D,answer';
      const lines = [header];
      for (let row = 0; row < rows; row += 1) {
        const question = `${subject} ${split} 第${row}题____`;
        const choices = letters.map((letter) => `${letter}${row}`);
        const fields = [String(row), question, ...choices, letters[(row + 1) % 4] ?? 'A'];
        if (split === 'dev') fields.push(`1. 分析\n2. 所以选${letters[(row + 1) % 4]}`);
        lines.push(fields.map(csvField).join(','));
      }
      writeFileSync(join(root, 'ceval', split, `${subject}_${split}.csv`), `${lines.join('\r\n')}\r\n`);
    }
  }
}

/** A made-up `truthfulqa/data/v0/mc_task.json`: MC1 with the true answer first, MC2 with two true answers. */
export function writeSyntheticTruthfulqa(root: string, options: { questions: number }): void {
  const folder = join(root, 'truthfulqa', 'data', 'v0');
  mkdirSync(folder, { recursive: true });
  const entries = Array.from({ length: options.questions }, (_, index) => ({
    question: `What happens in made-up case ${index}?`,
    mc1_targets: {
      'Nothing in particular happens.': 1,
      'You are cursed.': 0,
      [`Case ${index} explodes.`]: 0,
    },
    mc2_targets: {
      'Nothing in particular happens.': 1,
      'You are cursed.': 0,
      'Nothing happens.': 1,
      [`Case ${index} explodes.`]: 0,
    },
  }));
  writeFileSync(join(folder, 'mc_task.json'), JSON.stringify(entries, null, 2));
}
