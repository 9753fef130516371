import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { parseCsv } from '../src/datasets/csv.ts';
import { captureIo } from './support/capture-io.ts';
import { expectAllClose, expectClose, statsReference } from './support/stats-reference.ts';

const datasets = resolve(import.meta.dirname, '../../shared/datasets');
const responses = join(datasets, 'mmlu/routellm_responses');

/**
 * RouteLLM's per-question correctness of GPT-4-1106 and Mixtral-8x7B on all 14,042 MMLU test questions
 * (rows in the order of data/test/<subject>_test.csv, so the item id is `<subject>/<row>`), as two samples
 * files with `score` 1/0.
 */
function writeSamplesFiles(directory: string): { gpt4: string; mixtral: string } {
  const gpt4: string[] = [];
  const mixtral: string[] = [];
  for (const name of readdirSync(responses)
    .filter((file) => /^mmlu_.*\.csv$/.test(file))
    .sort()) {
    const subject = name.slice('mmlu_'.length, -'.csv'.length);
    const [header, ...rows] = parseCsv(readFileSync(join(responses, name), 'utf8'), { file: name });
    expect(header?.fields).toEqual(['prompt', 'mistralai/Mixtral-8x7B-Instruct-v0.1', 'gpt-4-1106-preview']);
    rows.forEach((row, index) => {
      const id = `${subject}/${index}`;
      gpt4.push(JSON.stringify({ id, score: row.fields[2] === 'True' ? 1 : 0 }));
      mixtral.push(JSON.stringify({ id, score: row.fields[1] === 'True' ? 1 : 0 }));
    });
  }
  const files = { gpt4: join(directory, 'gpt4.jsonl'), mixtral: join(directory, 'mixtral.jsonl') };
  writeFileSync(files.gpt4, `${gpt4.join('\n')}\n`);
  writeFileSync(files.mixtral, `${mixtral.join('\n')}\n`);
  return files;
}

describe.skipIf(!existsSync(responses))(
  'parity import + compare on the RouteLLM MMLU results (skipped: ../shared/datasets not present)',
  () => {
    let directory: string;
    let store: string;
    const runIds: string[] = [];

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-routellm-'));
      store = join(directory, 'parity.db');
      const files = writeSamplesFiles(directory);
      for (const [file, model] of [
        [files.gpt4, 'gpt-4-1106-preview'],
        [files.mixtral, 'mixtral-8x7b-instruct'],
      ] as const) {
        const io = captureIo({ cwd: directory });
        const args = ['import', '--bench', 'mmlu', '--samples', file, '--model', model, '--store', store];
        const code = await main([...args, '--data-dir', datasets, '--no-download'], io);
        expect(code, io.output.stderr).toBe(0);
        const lines = io.output.stdout.trimEnd().split('\n');
        runIds.push(lines[lines.length - 1] ?? '');
      }
    }, 60_000);

    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('reports the difference, its interval and the McNemar p-value of the independent computation', async () => {
      const expected = statsReference.routellm_mmlu;
      if (!expected)
        throw new Error('reference-values.json lacks routellm_mmlu (regenerate with the datasets present)');
      const io = captureIo({ cwd: directory });
      expect(await main(['compare', ...runIds, '--store', store, '--json'], io)).toBe(0);
      const json = JSON.parse(io.output.stdout) as {
        comparisons: {
          benchmark: string;
          protocol: string;
          n_paired: number;
          a: { value: number; ci95: [number, number] };
          b: { value: number; ci95: [number, number] };
          difference: { value: number; ci95: [number, number] };
          test: {
            name: string;
            p_value: number;
            p_adjusted: number;
            discordant: { a_only: number; b_only: number };
          };
          verdict: string;
        }[];
      };
      const [comparison] = json.comparisons;
      expect(json.comparisons).toHaveLength(1);
      expect(comparison).toMatchObject({
        benchmark: 'mmlu',
        protocol: 'mmlu.gen.5shot',
        n_paired: expected.n_paired,
        test: { name: 'mcnemar_exact', discordant: { a_only: expected.a_only, b_only: expected.b_only } },
        verdict: 'a_better',
      });
      expectClose(comparison?.a.value ?? Number.NaN, expected.a_value, 'a');
      expectClose(comparison?.b.value ?? Number.NaN, expected.b_value, 'b');
      expectAllClose(comparison?.a.ci95 ?? [], expected.a_ci95, 'a ci');
      expectAllClose(comparison?.b.ci95 ?? [], expected.b_ci95, 'b ci');
      expectClose(comparison?.difference.value ?? Number.NaN, expected.difference, 'difference');
      // The interval that goes with exact McNemar: Clopper–Pearson on the discordant split × its share.
      expectAllClose(comparison?.difference.ci95 ?? [], expected.exact_conditional_ci95, 'difference ci');
      expectClose(comparison?.test.p_value ?? Number.NaN, expected.mcnemar_p_value, 'McNemar p');
    });

    it('prints every figure with its interval in the table', async () => {
      const io = captureIo({ cwd: directory });
      expect(await main(['compare', ...runIds, '--store', store], io)).toBe(0);
      expect(io.output.stdout).toContain('A − B: +12.50 pts  95% CI [+11.81, +13.16]');
      expect(io.output.stdout).toContain('exact McNemar (paired): p = 4.6e-220');
      expect(io.output.stdout).toContain('verdict at level 0.05: A better');
    });

    it('with --margin 1, the runs 12.5 points apart are different (Tango 90% interval of statsmodels)', async () => {
      const expected = statsReference.routellm_mmlu;
      if (!expected) throw new Error('reference-values.json lacks routellm_mmlu');
      const io = captureIo({ cwd: directory });
      expect(await main(['compare', ...runIds, '--store', store, '--margin', '1', '--json'], io)).toBe(0);
      const [comparison] = (
        JSON.parse(io.output.stdout) as {
          comparisons: {
            margin: { value: number; verdict: string; interval: { level: number; bounds: number[] } };
          }[];
        }
      ).comparisons;
      expect(comparison?.margin).toMatchObject({ value: 0.01, verdict: 'different' });
      expect(comparison?.margin.interval.level).toBeCloseTo(0.9, 12);
      expectAllClose(comparison?.margin.interval.bounds ?? [], expected.tango_ci90, 'Tango 90%');
      const text = captureIo({ cwd: directory });
      expect(await main(['compare', ...runIds, '--store', store, '--margin', '1'], text)).toBe(0);
      expect(text.output.stdout).toContain(
        'verdict at level 0.05: different: A better (margin ±1.00 points)',
      );
    });

    it('the same two runs on 30 items each: inconclusive, with about how many items would decide it', async () => {
      const small: string[] = [];
      for (const [file, model] of [
        ['gpt4.jsonl', 'gpt-4-1106-preview'],
        ['mixtral.jsonl', 'mixtral-8x7b-instruct'],
      ] as const) {
        // Every 468th question: 30 items spread over the subjects.
        const lines = readFileSync(join(directory, file), 'utf8').trimEnd().split('\n');
        const picked = lines.filter((_, index) => index % 468 === 0).slice(0, 30);
        expect(picked).toHaveLength(30);
        const path = join(directory, `small-${file}`);
        writeFileSync(path, `${picked.join('\n')}\n`);
        const io = captureIo({ cwd: directory });
        const args = ['import', '--bench', 'mmlu', '--samples', path, '--model', model, '--store', store];
        expect(await main([...args, '--data-dir', datasets, '--no-download'], io), io.output.stderr).toBe(0);
        small.push(io.output.stdout.trimEnd().split('\n').pop() ?? '');
      }
      const io = captureIo({ cwd: directory });
      expect(await main(['compare', ...small, '--store', store, '--margin', '1', '--json'], io)).toBe(0);
      const [comparison] = (
        JSON.parse(io.output.stdout) as {
          comparisons: { n_paired: number; margin: { verdict: string; items_needed: number } }[];
        }
      ).comparisons;
      expect(comparison?.n_paired).toBe(30);
      expect(comparison?.margin.verdict).toBe('inconclusive');
      expect(comparison?.margin.items_needed).toBeGreaterThan(30);
      const text = captureIo({ cwd: directory });
      expect(await main(['compare', ...small, '--store', store, '--margin', '1'], text)).toBe(0);
      expect(text.output.stdout).toMatch(
        /verdict at level 0\.05: inconclusive at ±1\.00 points — about \d+ items \(\d+ more\) would likely decide it/,
      );
    });

    it('parity show: Wilson by default; --cluster group gives the subject-clustered interval of statsmodels', async () => {
      const expected = statsReference.routellm_mmlu;
      if (!expected) throw new Error('reference-values.json lacks routellm_mmlu');
      type ShowJson = {
        metrics: Record<string, { ci95: [number, number]; method: string; clusters?: number }>;
      };
      const show = async (extra: string[]): Promise<string> => {
        const io = captureIo({ cwd: directory });
        expect(await main(['show', runIds[0] ?? '', '--store', store, ...extra], io), io.output.stderr).toBe(
          0,
        );
        return io.output.stdout;
      };
      const byItem = JSON.parse(await show(['--json'])) as ShowJson;
      expect(byItem.metrics.accuracy?.method).toBe('wilson');
      expectAllClose(byItem.metrics.accuracy?.ci95 ?? [], expected.a_ci95, 'wilson');
      expect(byItem.metrics.accuracy_macro?.method).toBe('normal-group-mean');
      const bySubject = JSON.parse(await show(['--json', '--cluster', 'group'])) as ShowJson;
      expect(bySubject.metrics.accuracy).toMatchObject({ method: 'clustered-by-group', clusters: 57 });
      expectAllClose(bySubject.metrics.accuracy?.ci95 ?? [], expected.a_ci95_by_subject, 'by subject');
      const table = await show(['--cluster', 'group']);
      expect(table).toMatch(/accuracy %\s+80\.6 {2}\[75\.6, 85\.6\] †/);
      expect(table).toContain('  † cluster-robust SE, each group (subject) as one cluster, 57 clusters');
      expect(table).toContain('  ‡ macro average: normal interval from the per-group variances (stratified)');
    });

    it('stores the imported items with groups and puts nothing in the response cache', () => {
      const database = new Database(store, { readonly: true });
      try {
        expect(database.prepare('SELECT COUNT(*) AS count FROM cache').get()).toEqual({ count: 0 });
        const row = database
          .prepare(
            "SELECT item_group, status, cache_key FROM items WHERE item_id = 'abstract_algebra/0' LIMIT 1",
          )
          .get() as { item_group: string; status: string; cache_key: string };
        expect(row).toMatchObject({ item_group: 'abstract_algebra', status: 'ok' });
        expect(row.cache_key).toMatch(/^import:[0-9a-f]{64}$/);
      } finally {
        database.close();
      }
    });

    it('plans from the two runs with their measured discordance', async () => {
      const io = captureIo({ cwd: directory });
      const args = [
        'plan',
        '--bench',
        'mmlu',
        '--delta',
        '2',
        '--from',
        runIds.join(','),
        '--store',
        store,
        '--json',
      ];
      expect(await main(args, io), io.output.stderr).toBe(0);
      const json = JSON.parse(io.output.stdout) as {
        assumption: { discordance: number };
        items_needed: number;
      };
      expectClose(json.assumption.discordance, statsReference.routellm_mmlu?.discordance ?? Number.NaN, 'ψ');
      const planned = statsReference.sample_size; // Connor's formula is checked in src/stats; here: it is used.
      expect(planned.length).toBeGreaterThan(0);
      expect(json.items_needed).toBeGreaterThan(1000);
    });
  },
);
