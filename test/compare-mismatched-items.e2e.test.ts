import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';

const demoData = resolve(import.meta.dirname, '../src/cli/demo-data');
const datasets = resolve(import.meta.dirname, '../../shared/datasets');
const realMmlu = join(datasets, 'mmlu/data/test/astronomy_test.csv');

interface CompareJson {
  comparisons: { n_paired: number; mismatched_items: number; test: { discordant: unknown } }[];
}

// Runs are paired by item id; ids alone do not say the items are the same (issue 13, point 4). Every run
// records a fingerprint of each item's content, and compare refuses pairs whose content differs.
describe('parity compare pairs only identical items', () => {
  let directory: string;
  let store: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const io = captureIo({ cwd: directory });
    const code = await main(args, io);
    return { code, ...io.output };
  }

  /** `parity eval` of MMLU (mmlu.gen.5shot) from `dataDir` against the loopback server; returns the run id. */
  async function evalRun(dataDir: string): Promise<string> {
    const result = await cli([
      'eval',
      '--model',
      'openai:test-model',
      '--base-url',
      server.url,
      '--bench',
      'mmlu',
      '--protocol',
      'mmlu.gen.5shot',
      '--data-dir',
      dataDir,
      '--no-download',
      '--store',
      store,
    ]);
    expect(result.code, result.stderr).toBe(0);
    return /run (\S+): mmlu/.exec(result.stderr)?.[1] ?? '';
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-mismatched-'));
    store = join(directory, 'parity.db');
    // Answers (B) to everything: some demo items right, some wrong.
    server = await startOpenAICompatibleServer({
      respond: () => ({ text: 'The answer is (B)', usage: { prompt_tokens: 50, completion_tokens: 5 } }),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses runs whose shared ids differ in content with one line (exit 2); --allow-mismatched-items pairs only identical items', async () => {
    const demo = await evalRun(demoData);
    // The same demo files with one question reworded: 1 of the 12 shared ids now holds other content.
    const edited = join(directory, 'edited-data');
    cpSync(demoData, edited, { recursive: true });
    const file = join(edited, 'mmlu/data/test/astronomy_test.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('What is a light-year a unit of?', 'What is a parsec a unit of?'),
    );
    const other = await evalRun(edited);

    const refused = await cli(['compare', demo, other, '--store', store]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('share 12 item ids but 1 of them differ in content');
    expect(lines[0]).toContain('--allow-mismatched-items');

    const allowed = await cli([
      'compare',
      demo,
      other,
      '--store',
      store,
      '--allow-mismatched-items',
      '--json',
    ]);
    expect(allowed.code, allowed.stderr).toBe(0);
    const [comparison] = (JSON.parse(allowed.stdout) as CompareJson).comparisons;
    expect(comparison).toMatchObject({ n_paired: 11, mismatched_items: 1 });
    const table = await cli(['compare', demo, other, '--store', store, '--allow-mismatched-items']);
    expect(table.stdout).toContain('(11 paired items)');
    expect(table.stdout).toContain('left out (same id, different content; --allow-mismatched-items): 1');

    // A run on the same files pairs all 12 items, nothing left out.
    const again = await evalRun(demoData);
    const same = await cli(['compare', demo, again, '--store', store, '--json']);
    expect(same.code, same.stderr).toBe(0);
    expect((JSON.parse(same.stdout) as CompareJson).comparisons[0]).toMatchObject({
      n_paired: 12,
      mismatched_items: 0,
    });
  }, 120_000);

  it.skipIf(!existsSync(realMmlu))(
    'refuses the demo run against a real MMLU run (skipped when ../shared/datasets is absent)',
    async () => {
      const demo = await evalRun(demoData);
      // A real MMLU run over the same 12 ids, imported with the real dataset (so its items are fingerprinted).
      const samples = join(directory, 'real.jsonl');
      const ids = ['astronomy', 'high_school_chemistry', 'world_religions'].flatMap((subject) =>
        [0, 1, 2, 3].map((row) => `${subject}/${row}`),
      );
      writeFileSync(samples, `${ids.map((id) => JSON.stringify({ id, score: 1 })).join('\n')}\n`);
      const imported = await cli([
        'import',
        '--bench',
        'mmlu',
        '--protocol',
        'mmlu.gen.5shot',
        '--samples',
        samples,
        '--model',
        'real-model',
        '--data-dir',
        datasets,
        '--no-download',
        '--store',
        store,
      ]);
      expect(imported.code, imported.stderr).toBe(0);
      const real = imported.stdout.trimEnd().split('\n').at(-1) ?? '';
      const refused = await cli(['compare', demo, real, '--store', store]);
      expect(refused.code).toBe(2);
      expect(refused.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/share 12 item ids but 12 of them differ in content/),
      ]);
      const allowed = await cli(['compare', demo, real, '--store', store, '--allow-mismatched-items']);
      expect(allowed.code).toBe(2);
      expect(allowed.stderr).toContain('no identical scored item');
    },
    120_000,
  );
});
