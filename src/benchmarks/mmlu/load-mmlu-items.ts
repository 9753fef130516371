import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../datasets/csv.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import { mmluLetters } from './mmlu-data.ts';
import type { MmluData, MmluExample, MmluLetter } from './mmlu-data.ts';

/** Few-shot rows each subject's dev file must provide. */
const devExampleCount = 5;

/** Parses one headerless `question,A,B,C,D,answer_letter` file; rows that do not fit throw naming file:line. */
async function readMmluCsv(file: string): Promise<MmluExample[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
  const rows = parseCsv(text, { file });
  // An empty subject file would drop the subject without a word.
  if (rows.length === 0) throw new InputError('the file is empty (no CSV rows)', { location: file });
  return rows.map((row) => {
    const location = `${file}:${row.line}`;
    if (row.fields.length !== 6) {
      throw new InputError(
        `expected 6 fields (question, A, B, C, D, answer letter), got ${row.fields.length}`,
        { location },
      );
    }
    const [question, choiceA, choiceB, choiceC, choiceD, answer] = row.fields as readonly [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!mmluLetters.includes(answer as MmluLetter)) {
      throw new InputError(`answer letter must be one of A, B, C, D, got ${JSON.stringify(answer)}`, {
        location,
      });
    }
    return { question, choices: [choiceA, choiceB, choiceC, choiceD], answer: answer as MmluLetter };
  });
}

/**
 * Loads the MMLU test split from `mmlu/data/test/<subject>_test.csv`, with each subject's first 5 rows of
 * `mmlu/data/dev/<subject>_dev.csv` as few-shot examples. Item id `<subject>/<row>` (0-based row of the test
 * file), group = subject.
 *
 * Order (what `limit` takes a prefix of): round-robin over subjects in alphabetical order — row 0 of every
 * subject, then row 1 of every subject, … — skipping subjects that have run out. A small `--limit` thus covers
 * many subjects; the full list holds every row once.
 */
export async function loadMmluItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<MmluData>[]> {
  const testFiles = (await source.listFiles('mmlu', 'data/test')).filter((name) =>
    name.endsWith('_test.csv'),
  );
  const subjects = testFiles.map((name) => name.slice(0, -'_test.csv'.length)).sort();
  if (subjects.length === 0) {
    throw new InputError('no <subject>_test.csv files found', { location: 'mmlu/data/test' });
  }
  const perSubject = await Promise.all(
    subjects.map(async (subject) => {
      const devFile = await source.resolveFile('mmlu', `data/dev/${subject}_dev.csv`);
      const devRows = await readMmluCsv(devFile);
      if (devRows.length < devExampleCount) {
        throw new InputError(`needs at least ${devExampleCount} dev rows, found ${devRows.length}`, {
          location: devFile,
        });
      }
      const devExamples = devRows.slice(0, devExampleCount);
      const testFile = await source.resolveFile('mmlu', `data/test/${subject}_test.csv`);
      const items = (await readMmluCsv(testFile)).map((example, row): Item<MmluData> => ({
        id: `${subject}/${row}`,
        group: subject,
        data: { ...example, subject, devExamples },
      }));
      return items;
    }),
  );
  const ordered: Item<MmluData>[] = [];
  const longest = Math.max(...perSubject.map((items) => items.length));
  for (let row = 0; row < longest; row += 1) {
    for (const items of perSubject) {
      const item = items[row];
      if (item !== undefined) ordered.push(item);
    }
  }
  return options.limit === undefined ? ordered : ordered.slice(0, Math.max(0, options.limit));
}
