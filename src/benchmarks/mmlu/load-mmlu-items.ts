import { CsvRecordReader } from '../../datasets/csv-record-reader.ts';
import type { CsvRow } from '../../datasets/csv.ts';
import { TextArena } from '../../datasets/text-arena.ts';
import { nodeTextFiles, type TextFiles } from '../../datasets/text-files.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import { mmluLetters } from './mmlu-data.ts';
import type { MmluData, MmluExample, MmluLetter } from './mmlu-data.ts';
import { MmluRowItem, type MmluSubject } from './mmlu-row-item.ts';

/** Few-shot rows each subject's dev file must provide. */
const devExampleCount = 5;

/** One headerless `question,A,B,C,D,answer_letter` row; a row that does not fit throws naming file:line. */
function toExample(file: string, row: CsvRow): MmluExample {
  if (row.fields.length !== 6) {
    throw new InputError(
      `expected 6 fields (question, A, B, C, D, answer letter), got ${row.fields.length}`,
      {
        // Made only for a row that does not fit, not for every row.
        location: `${file}:${row.line}`,
      },
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
      location: `${file}:${row.line}`,
    });
  }
  return { question, choices: [choiceA, choiceB, choiceC, choiceD], answer: answer as MmluLetter };
}

/** A subject's files, opened when its first row is taken and read only as far as rows are taken. */
interface SubjectRows {
  readonly subject: string;
  test?: { readonly file: string; readonly reader: CsvRecordReader };
  shared?: MmluSubject;
  rowsTaken: number;
  exhausted: boolean;
}

async function readDevExamples(
  source: DatasetSource,
  files: TextFiles,
  subject: string,
): Promise<MmluExample[]> {
  const file = await source.resolveFile('mmlu', `data/dev/${subject}_dev.csv`);
  const reader = new CsvRecordReader(file, files);
  const examples: MmluExample[] = [];
  try {
    for (
      let row = reader.next();
      row !== undefined;
      row = examples.length < devExampleCount ? reader.next() : undefined
    )
      examples.push(toExample(file, row));
  } finally {
    reader.close();
  }
  if (examples.length === 0) throw new InputError('the file is empty (no CSV rows)', { location: file });
  if (examples.length < devExampleCount) {
    throw new InputError(`needs at least ${devExampleCount} dev rows, found ${examples.length}`, {
      location: file,
    });
  }
  return examples;
}

/**
 * The MMLU loader, reading files through `files` (tests count what is opened and read). It resolves the
 * subjects from the folder listing and `limit` before parsing anything, then reads rows lazily in the
 * round-robin order: `--limit 1` opens one test file and one dev file and parses one row and five dev rows.
 */
export function createMmluLoader(files: TextFiles = nodeTextFiles()) {
  /**
   * Loads the MMLU test split from `mmlu/data/test/<subject>_test.csv`, with each subject's first 5 rows of
   * `mmlu/data/dev/<subject>_dev.csv` as few-shot examples. Item id `<subject>/<row>` (0-based row of the test
   * file), group = subject.
   *
   * Order (what `limit` takes a prefix of): round-robin over subjects in alphabetical order — row 0 of every
   * subject, then row 1 of every subject, … — skipping subjects that have run out. A small `--limit` thus covers
   * many subjects; the full list holds every row once. Rows past the limit are never read.
   */
  return async function loadMmluItems(
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
    const limit = options.limit === undefined ? Infinity : Math.max(0, options.limit);
    const states: SubjectRows[] = subjects.map((subject) => ({ subject, rowsTaken: 0, exhausted: false }));
    const ordered: Item<MmluData>[] = [];
    // The rows' texts, outside the heap: a full run holds every item until it is done.
    const arena = new TextArena();
    try {
      let progressed = true;
      while (progressed && ordered.length < limit) {
        progressed = false;
        for (const state of states) {
          if (ordered.length >= limit) break;
          if (state.exhausted) continue;
          const item = await nextItem(source, files, state, arena);
          if (item === undefined) continue;
          ordered.push(item);
          progressed = true;
        }
      }
    } finally {
      for (const state of states) state.test?.reader.close();
    }
    return ordered;
  };
}

/** The subject's next test row as an item, or undefined when its file has no more rows. */
async function nextItem(
  source: DatasetSource,
  files: TextFiles,
  state: SubjectRows,
  arena: TextArena,
): Promise<Item<MmluData> | undefined> {
  const { subject } = state;
  if (state.test === undefined) {
    const file = await source.resolveFile('mmlu', `data/test/${subject}_test.csv`);
    state.test = { file, reader: new CsvRecordReader(file, files) };
  }
  const row = state.test.reader.next();
  if (row === undefined) {
    state.exhausted = true;
    // An empty subject file would drop the subject without a word.
    if (state.rowsTaken === 0) {
      throw new InputError('the file is empty (no CSV rows)', { location: state.test.file });
    }
    return undefined;
  }
  const example = toExample(state.test.file, row);
  // One dev array per subject, shared by every item of the subject.
  state.shared ??= { subject, devExamples: await readDevExamples(source, files, subject) };
  const item = MmluRowItem.of(`${subject}/${state.rowsTaken}`, state.shared, example, arena);
  state.rowsTaken += 1;
  return item;
}

/** The MMLU loader over files on disk. */
export const loadMmluItems = createMmluLoader();
