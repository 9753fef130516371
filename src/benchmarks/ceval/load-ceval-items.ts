import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { readExamCsv } from '../chinese-exam/read-exam-csv.ts';
import { roundRobin } from '../chinese-exam/round-robin.ts';
import { cevalSubjects } from './ceval-subjects.ts';

const devExampleCount = 5;

/**
 * Loads the C-Eval validation split from `ceval/val/<subject>_val.csv` (`id,question,A,B,C,D,answer`), with each
 * subject's 5 rows of `ceval/dev/<subject>_dev.csv` (which add `explanation`) as few-shot examples. Item id
 * `<subject>/<row>` (0-based data row, the same as the file's `id`), group = subject. Order: round-robin over
 * subjects in alphabetical order. A subject file parity does not know throws InputError.
 */
export async function loadCevalItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<ChineseExamData>[]> {
  const subjects = (await source.listFiles('ceval', 'val'))
    .filter((name) => name.endsWith('_val.csv'))
    .map((name) => name.slice(0, -'_val.csv'.length))
    .sort();
  if (subjects.length === 0) {
    throw new InputError('no <subject>_val.csv files found', { location: 'ceval/val' });
  }
  const perSubject = await Promise.all(
    subjects.map(async (subject) => {
      const valFile = await source.resolveFile('ceval', `val/${subject}_val.csv`);
      if (!cevalSubjects.has(subject)) {
        throw new InputError(`unknown C-Eval subject "${subject}" (not one of the 52 upstream subjects)`, {
          location: valFile,
        });
      }
      const devFile = await source.resolveFile('ceval', `dev/${subject}_dev.csv`);
      const devRows = await readExamCsv(devFile, {
        header: ['id', 'question', 'A', 'B', 'C', 'D', 'answer', 'explanation'],
        question: 1,
        answer: 6,
      });
      if (devRows.length < devExampleCount) {
        throw new InputError(`needs at least ${devExampleCount} dev rows, found ${devRows.length}`, {
          location: devFile,
        });
      }
      const devExamples = devRows.slice(0, devExampleCount);
      const rows = await readExamCsv(valFile, {
        header: ['id', 'question', 'A', 'B', 'C', 'D', 'answer'],
        question: 1,
        answer: 6,
      });
      return rows.map((example, row): Item<ChineseExamData> => ({
        id: `${subject}/${row}`,
        group: subject,
        data: { ...example, subject, devExamples },
      }));
    }),
  );
  const ordered = roundRobin(perSubject);
  return options.limit === undefined ? ordered : ordered.slice(0, Math.max(0, options.limit));
}
