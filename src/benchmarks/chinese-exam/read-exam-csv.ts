import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../datasets/csv.ts';
import { InputError } from '../../spec/index.ts';
import { examLetters, type ExamLetter, type ExamQuestion } from './chinese-exam-data.ts';

/** Where the fields of one question sit in a CSV file with a header row. */
export interface ExamCsvColumns {
  /** The header row exactly, e.g. `['', 'Question', 'A', 'B', 'C', 'D', 'Answer']` (CMMLU). */
  readonly header: readonly string[];
  /** Index of the question; the four choices follow it; then the answer letter at `answer`. */
  readonly question: number;
  readonly answer: number;
}

/**
 * Reads one exam CSV (header row, then one question per record; fields may hold line breaks). A header or row
 * that does not fit throws InputError naming file:line.
 */
export async function readExamCsv(file: string, columns: ExamCsvColumns): Promise<ExamQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
  const [header, ...rows] = parseCsv(text, { file });
  if (header === undefined) throw new InputError('the file is empty (no CSV rows)', { location: file });
  if (header.fields.join(',') !== columns.header.join(',')) {
    throw new InputError(
      `expected the header ${JSON.stringify(columns.header.join(','))}, got ${JSON.stringify(header.fields.join(','))}`,
      { location: `${file}:${header.line}` },
    );
  }
  return rows.map((row) => {
    const location = `${file}:${row.line}`;
    if (row.fields.length !== columns.header.length) {
      throw new InputError(`expected ${columns.header.length} fields, got ${row.fields.length}`, {
        location,
      });
    }
    const field = (index: number) => row.fields[index] ?? '';
    const answer = field(columns.answer);
    if (!examLetters.includes(answer as ExamLetter)) {
      throw new InputError(`answer letter must be one of A, B, C, D, got ${JSON.stringify(answer)}`, {
        location,
      });
    }
    const first = columns.question + 1;
    return {
      question: field(columns.question),
      choices: [field(first), field(first + 1), field(first + 2), field(first + 3)],
      answer: answer as ExamLetter,
    };
  });
}
