import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/** Issue #21.3: every item's gold answer (and MC choices) travels from the data to show, exports and reports. */
describe('gold answers from eval to show and report', () => {
  let directory: string;
  let store: string;
  let runId: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-gold-e2e-'));
    store = join(directory, 'parity.db');
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 1, rowsPerSubject: 4 });
    // Always answers A: right on row 0 (gold A), wrong on rows 1–3 (gold B, C, D).
    const server = await startOpenAICompatibleServer({ respond: () => ({ text: ' A' }) });
    const io = captureIo({ cwd: directory });
    try {
      const code = await main(
        [
          'eval',
          ...['--model', 'openai:m', '--base-url', server.url, '--bench', 'mmlu'],
          ...['--protocol', 'mmlu.gen.5shot', '--data-dir', join(directory, 'data')],
          ...['--store', store, '--no-download', '--concurrency', '1'],
        ],
        io,
      );
      expect(code, io.output.stderr).toBe(0);
    } finally {
      await server.close();
    }
    const opened = openSqliteRunStore({ path: store });
    runId = opened.listRuns()[0]?.runId ?? '';
    opened.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function run(argv: string[]) {
    const io = captureIo({ cwd: directory });
    const code = await main([...argv, '--store', store], io);
    return { code, ...io.output };
  }

  it('parity show --items gives each item its gold answer and, as JSON, its choices', async () => {
    const text = await run(['show', runId, '--items']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/subject_a\/1\tscore 0\textracted "A"\tgold "B"/);
    const json = await run(['show', runId, '--items', '--json']);
    const items = (JSON.parse(json.stdout) as { items: { id: string; target: string; choices: string[] }[] })
      .items;
    const second = items.find((item) => item.id.endsWith('/1'));
    expect(second?.target).toBe('B');
    expect(second?.choices).toEqual([
      'A. option A for subject_a test 1',
      'B. option B for subject_a test 1',
      'C. option C for subject_a test 1',
      'D. option D for subject_a test 1',
    ]);
  });

  it('parity report --csv/--json/--html carry target and choices', async () => {
    const result = await run([
      'report',
      runId,
      ...['--csv', 'items.csv', '--json', 'items.json', '--html', 'report.html'],
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...lines] = readFileSync(join(directory, 'items.csv'), 'utf8').split('\r\n');
    const columns = header?.split(',') ?? [];
    expect(columns).toEqual(expect.arrayContaining(['target', 'choices']));
    const third = lines.find((line) => line.includes('subject_a/2'));
    expect(third).toContain(',0,C,A,"A. option A for subject_a test 2\nB. option B');
    const json = JSON.parse(readFileSync(join(directory, 'items.json'), 'utf8')) as {
      items: { item_id: string; target: string; choices: string[] }[];
    };
    expect(json.items.find((item) => item.item_id.endsWith('/3'))).toMatchObject({
      target: 'D',
      choices: expect.arrayContaining(['D. option D for subject_a test 3']) as unknown,
    });
    expect(readFileSync(join(directory, 'report.html'), 'utf8')).toContain('"target":"D"');
  });
});
