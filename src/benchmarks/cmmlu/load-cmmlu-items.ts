import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { readExamCsv, type ExamCsvColumns } from '../chinese-exam/read-exam-csv.ts';
import { roundRobin } from '../chinese-exam/round-robin.ts';
import { cmmluSubjects } from './cmmlu-subjects.ts';

/** CMMLU's CSV layout: a 0-based row index under an empty header, the question, A-D, the answer letter. */
const cmmluColumns: ExamCsvColumns = {
  header: ['', 'Question', 'A', 'B', 'C', 'D', 'Answer'],
  question: 1,
  answer: 6,
};

const devExampleCount = 5;

/**
 * Loads the CMMLU test split from `cmmlu/data/test/<subject>.csv`, with each subject's first 5 rows of
 * `cmmlu/data/dev/<subject>.csv` as few-shot examples. Item id `<subject>/<row>` (0-based data row of the test
 * file, the same as its index column), group = subject. Order: round-robin over subjects in alphabetical order
 * (as MMLU). A subject file parity does not know throws InputError (its Chinese name and category are needed).
 */
export async function loadCmmluItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<ChineseExamData>[]> {
  const subjects = (await source.listFiles('cmmlu', 'data/test'))
    .filter((name) => name.endsWith('.csv'))
    .map((name) => name.slice(0, -'.csv'.length))
    .sort();
  if (subjects.length === 0) {
    throw new InputError('no <subject>.csv files found', { location: 'cmmlu/data/test' });
  }
  const perSubject = await Promise.all(
    subjects.map(async (subject) => {
      const testFile = await source.resolveFile('cmmlu', `data/test/${subject}.csv`);
      if (!cmmluSubjects.has(subject)) {
        throw new InputError(`unknown CMMLU subject "${subject}" (not one of the 67 upstream subjects)`, {
          location: testFile,
        });
      }
      const devFile = await source.resolveFile('cmmlu', `data/dev/${subject}.csv`);
      const devRows = await readExamCsv(devFile, cmmluColumns);
      if (devRows.length < devExampleCount) {
        throw new InputError(`needs at least ${devExampleCount} dev rows, found ${devRows.length}`, {
          location: devFile,
        });
      }
      const devExamples = devRows.slice(0, devExampleCount);
      return (await readExamCsv(testFile, cmmluColumns)).map((example, row): Item<ChineseExamData> => ({
        id: `${subject}/${row}`,
        group: subject,
        data: { ...example, subject, devExamples },
      }));
    }),
  );
  const ordered = roundRobin(perSubject);
  return options.limit === undefined ? ordered : ordered.slice(0, Math.max(0, options.limit));
}
