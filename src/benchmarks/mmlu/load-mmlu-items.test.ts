import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../spec/index.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { nodeTextFiles, type TextFiles } from '../../datasets/text-files.ts';
import { itemFingerprint, runFingerprints } from '../../datasets/item-fingerprint.ts';
import { runGold } from '../item-gold.ts';
import { createMmluLoader, loadMmluItems } from './load-mmlu-items.ts';
import { mmluGen5shot } from './mmlu-gen-5shot.ts';

const devRows = [
  'd1,a,b,c,d,A',
  'd2,a,b,c,d,B',
  'd3,a,b,c,d,C',
  'd4,a,b,c,d,D',
  'd5,a,b,c,d,A',
  'd6,a,b,c,d,B',
];

/** Writes an `mmlu/data/{dev,test}` tree; `tests` maps subject → test file text. */
function writeMmlu(tests: Record<string, string>, dev: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'parity-mmlu-'));
  mkdirSync(join(root, 'mmlu/data/test'), { recursive: true });
  mkdirSync(join(root, 'mmlu/data/dev'), { recursive: true });
  for (const [subject, text] of Object.entries(tests)) {
    writeFileSync(join(root, `mmlu/data/test/${subject}_test.csv`), text);
    writeFileSync(join(root, `mmlu/data/dev/${subject}_dev.csv`), dev[subject] ?? `${devRows.join('\n')}\n`);
  }
  writeFileSync(join(root, 'mmlu/data/test/README.txt'), 'not a test file');
  return root;
}

describe('loadMmluItems', () => {
  it('reads rows with ids, groups, letters and the first 5 dev rows, interleaving subjects', async () => {
    const root = writeMmlu({
      zoology: 'z0,a,b,c,d,D\n',
      anatomy:
        'What bone?,"femur, long","multi\nline",tibia,"say ""hi""",B\nsecond,1,2,3,4,C\nthird,1,2,3,4,A\n',
    });
    const items = await loadMmluItems(createDirectorySourceForTests(root));
    expect(items.map((item) => item.id)).toEqual(['anatomy/0', 'zoology/0', 'anatomy/1', 'anatomy/2']);
    const first = items[0];
    expect(first?.group).toBe('anatomy');
    expect(first?.data).toEqual({
      question: 'What bone?',
      choices: ['femur, long', 'multi\nline', 'tibia', 'say "hi"'],
      answer: 'B',
      subject: 'anatomy',
      devExamples: devRows.slice(0, 5).map((row) => {
        const [question, a, b, c, d, answer] = row.split(',');
        return { question, choices: [a, b, c, d], answer };
      }),
    });
    // One dev array per subject, shared by reference.
    expect(items[2]?.data.devExamples).toBe(first?.data.devExamples);
  });

  it('holds items compactly with the same data, fingerprints and gold as plain items (any text)', async () => {
    const root = writeMmlu({
      anatomy: 'Qu’est-ce ?,"é, ü","𝒳 ""x""",ß,"multi\nline",C\nplain,1,2,3,4,D\n',
    });
    const items = await loadMmluItems(createDirectorySourceForTests(root));
    const devExamples = devRows.slice(0, 5).map((row) => {
      const [question, a, b, c, d, answer] = row.split(',');
      return { question, choices: [a, b, c, d], answer };
    });
    const plain = [
      {
        id: 'anatomy/0',
        group: 'anatomy',
        data: {
          question: 'Qu’est-ce ?',
          choices: ['é, ü', '𝒳 "x"', 'ß', 'multi\nline'],
          answer: 'C',
          subject: 'anatomy',
          devExamples,
        },
      },
      {
        id: 'anatomy/1',
        group: 'anatomy',
        data: {
          question: 'plain',
          choices: ['1', '2', '3', '4'],
          answer: 'D',
          subject: 'anatomy',
          devExamples,
        },
      },
    ];
    expect(items.map((item) => ({ id: item.id, group: item.group, data: item.data }))).toEqual(plain);
    // Read again, in the other order: the same content each time.
    expect(items[1]?.data).toEqual(plain[1]?.data);
    expect(items[0]?.data).toEqual(plain[0]?.data);
    expect(items.map((item) => itemFingerprint(item))).toEqual(plain.map((item) => itemFingerprint(item)));
    expect(runFingerprints(items)).toEqual(runFingerprints(plain));
    expect(runGold(mmluGen5shot, items)).toEqual(runGold(mmluGen5shot, plain as never));
    expect(items.map((item) => mmluGen5shot.buildRequest(item))).toEqual(
      plain.map((item) => mmluGen5shot.buildRequest(item as never)),
    );
  });

  it('fingerprints compact items from their stored bytes as their data (escapes, quotes, any script)', async () => {
    const rows = [
      ['back\\slash "quoted", and \\"', 'tab\there', '\u0001ctl', '😀 emoji', 'ключ', 'A'],
      ['', '"', '\\', ',', '""', 'B'],
      ['Qu’est-ce ?\r\nnext', 'é', 'ü', '𝒳', 'ß', 'D'],
    ];
    const csv = rows
      .map((row) => row.map((field) => `"${field.replaceAll('"', '""')}"`).join(','))
      .join('\n');
    const root = writeMmlu({ zz: `${csv}\n` });
    const items = await loadMmluItems(createDirectorySourceForTests(root));
    expect(items.map((item) => item.data.question)).toEqual(rows.map((row) => row[0]));
    const plain = items.map((item) => ({ id: item.id, data: structuredClone(item.data) }));
    expect(plain.map((item) => item.data.choices)).toEqual(rows.map((row) => row.slice(1, 5)));
    const fingerprints = items.map((item) => itemFingerprint(item));
    expect(fingerprints).toEqual(plain.map((item) => itemFingerprint(item)));
    expect(new Set(fingerprints).size).toBe(rows.length);
    expect(runFingerprints(items)).toEqual(runFingerprints(plain));
  });

  it('fingerprints dev rows of any text as the generic writer does, and a dev row with more fields too', async () => {
    const csvField = (field: string) => `"${field.replaceAll('"', '""')}"`;
    const dev = [
      ['back\\slash "quoted"', 'tab\there', '\u0001ctl', '😀', 'ключ', 'A'],
      ['Qu’est-ce ?\r\nnext', 'é', '\u2028', '𝒳', '', 'B'],
      ['d3', 'a', 'b', 'c', 'd', 'C'],
      ['d4', 'a', 'b', 'c', 'd', 'D'],
      ['d5', 'a', 'b', 'c', 'd', 'A'],
    ]
      .map((row) => row.map(csvField).join(','))
      .join('\n');
    const root = writeMmlu({ s: 'q0,a,b,c,d,A\nq1,a,b,c,d,B\n' }, { s: `${dev}\n` });
    const items = await loadMmluItems(createDirectorySourceForTests(root));
    const plain = items.map((item) => ({ id: item.id, data: structuredClone(item.data) }));
    expect(items.map((item) => itemFingerprint(item))).toEqual(plain.map((item) => itemFingerprint(item)));
    expect(runFingerprints(items)).toEqual(runFingerprints(plain));
    // A dev row with a field the loader never writes: the generic writer takes it (the text has the field).
    const devExamples = items[0]?.data.devExamples as unknown as Record<string, unknown>[];
    (devExamples[0] as Record<string, unknown>).note = 'extra';
    const withNote = { data: structuredClone(items[1]?.data) };
    expect(itemFingerprint(items[1] as never)).toBe(itemFingerprint(withNote));
  });

  it("parses an item's row once while it is requested and scored, with other items read in between", async () => {
    const rows = Array.from({ length: 40 }, (_, index) => `q${index},a,b,c,d,A`).join('\n');
    const items = await loadMmluItems(createDirectorySourceForTests(writeMmlu({ s: `${rows}\n` })));
    const first = items[0]?.data;
    for (const item of items.slice(1)) expect(item.data.question).toBe(`q${items.indexOf(item)}`);
    expect(items[0]?.data).toBe(first);
    expect(first?.question).toBe('q0');
  });

  it('parses each row of a 1,000-item run once, though every item is read before the first is read again', async () => {
    const rows = Array.from({ length: 1000 }, (_, index) => `q${index},a,b,c,d,A`).join('\n');
    const items = await loadMmluItems(createDirectorySourceForTests(writeMmlu({ s: `${rows}\n` })));
    // A spend estimate, then the gold answers, then the requests: three passes over the items in order.
    const first = items.map((item) => item.data);
    const again = items.map((item) => item.data);
    expect(again.every((data, index) => data === first[index])).toBe(true);
    expect(first[999]?.question).toBe('q999');
  });

  it('takes a prefix of the round-robin order with limit', async () => {
    const root = writeMmlu({ b: 'q,1,2,3,4,A\nq,1,2,3,4,A\n', a: 'q,1,2,3,4,A\nq,1,2,3,4,A\n' });
    const items = await loadMmluItems(createDirectorySourceForTests(root), { limit: 3 });
    expect(items.map((item) => item.id)).toEqual(['a/0', 'b/0', 'a/1']);
  });

  it('names file and line of a row with the wrong number of fields', async () => {
    const root = writeMmlu({ anatomy: 'ok,1,2,3,4,A\n"two\nlines",1,2,3,4,B\nbroken,1,2,3,A\n' });
    const file = join(root, 'mmlu/data/test/anatomy_test.csv');
    await expect(loadMmluItems(createDirectorySourceForTests(root))).rejects.toThrow(
      new InputError('expected 6 fields (question, A, B, C, D, answer letter), got 5', {
        location: `${file}:4`,
      }),
    );
  });

  it('names file and line of a bad answer letter', async () => {
    const root = writeMmlu({ anatomy: 'ok,1,2,3,4,E\n' });
    await expect(loadMmluItems(createDirectorySourceForTests(root))).rejects.toThrow(
      /anatomy_test\.csv:1: answer letter must be one of A, B, C, D, got "E"/,
    );
  });

  it('requires 5 dev rows per subject', async () => {
    const root = writeMmlu({ anatomy: 'ok,1,2,3,4,A\n' }, { anatomy: 'd1,a,b,c,d,A\n' });
    await expect(loadMmluItems(createDirectorySourceForTests(root))).rejects.toThrow(
      /anatomy_dev\.csv: needs at least 5 dev rows, found 1/,
    );
  });

  it('rejects a folder without test files', async () => {
    const root = writeMmlu({});
    await expect(loadMmluItems(createDirectorySourceForTests(root))).rejects.toThrow(InputError);
  });

  describe('lazy loading', () => {
    /** Files read through a counter: which files were opened and how many characters each gave. */
    function countingFiles(chunkBytes: number) {
      const files = nodeTextFiles({ chunkBytes });
      const opened: string[] = [];
      const characters = new Map<string, number>();
      const counting: TextFiles = {
        open(path) {
          const name = path.split('/').at(-1) ?? path;
          opened.push(name);
          const chunks = files.open(path);
          return {
            next() {
              const chunk = chunks.next();
              characters.set(name, (characters.get(name) ?? 0) + (chunk?.length ?? 0));
              return chunk;
            },
            close: () => chunks.close(),
          };
        },
      };
      return { counting, opened, characters };
    }
    const rows = (count: number) =>
      Array.from({ length: count }, (_, row) => `question ${row},a,b,c,d,A\n`).join('');
    const subjects = { anatomy: rows(400), biology: rows(400), chemistry: rows(400) };

    it('opens only the files of the subjects a limit reaches', async () => {
      const root = writeMmlu(subjects);
      const { counting, opened } = countingFiles(1024);
      const items = await createMmluLoader(counting)(createDirectorySourceForTests(root), { limit: 2 });
      expect(items.map((item) => item.id)).toEqual(['anatomy/0', 'biology/0']);
      expect(opened.sort()).toEqual([
        'anatomy_dev.csv',
        'anatomy_test.csv',
        'biology_dev.csv',
        'biology_test.csv',
      ]);
    });

    it('reads only the rows a limit takes (one chunk of each file), not the whole files', async () => {
      const root = writeMmlu(subjects);
      const { counting, characters } = countingFiles(1024);
      const items = await createMmluLoader(counting)(createDirectorySourceForTests(root), { limit: 6 });
      expect(items.map((item) => item.id)).toEqual([
        'anatomy/0',
        'biology/0',
        'chemistry/0',
        'anatomy/1',
        'biology/1',
        'chemistry/1',
      ]);
      // Each test file is ~10,000 characters; two rows fit in the first 1,024.
      for (const subject of Object.keys(subjects)) expect(characters.get(`${subject}_test.csv`)).toBe(1024);
    });

    it('reads every row and opens each file once without a limit', async () => {
      const root = writeMmlu(subjects);
      const { counting, opened } = countingFiles(1024);
      const items = await createMmluLoader(counting)(createDirectorySourceForTests(root));
      expect(items).toHaveLength(1200);
      expect(items.at(-1)?.id).toBe('chemistry/399');
      expect(opened).toHaveLength(6);
      expect(new Set(opened).size).toBe(6);
    });
  });
});
