import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/support/capture-io.ts';
import { main } from '../main.ts';

let directory: string;
let store: string;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo({ cwd: directory });
  const code = await main(args, io);
  return { code, ...io.output };
}

/** Imports 0/1 scores for items 0…n−1 as a run and returns its id. */
async function importScores(options: {
  name: string;
  scores: number[];
  bench?: string;
  protocol?: string;
}): Promise<string> {
  const file = join(directory, `${options.name}.jsonl`);
  const prefix = options.bench === 'mmlu' ? 'anatomy/' : '';
  writeFileSync(
    file,
    options.scores.map((score, index) => JSON.stringify({ id: `${prefix}${index}`, score })).join('\n'),
  );
  const args = [
    'import',
    '--bench',
    options.bench ?? 'gsm8k',
    '--samples',
    file,
    '--store',
    store,
    '--no-download',
  ];
  const result = await run([...args, ...(options.protocol ? ['--protocol', options.protocol] : [])]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trimEnd().split('\n').at(-1) ?? '';
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'parity-compare-'));
  store = join(directory, 'parity.db');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('parity compare', () => {
  it('says a 0.1-point gap on 14,042 MMLU items is no significant difference (unpaired, labelled)', async () => {
    const result = await run([
      'compare',
      '--a-published',
      '0.886',
      '--vs-published',
      '0.887',
      '--n',
      '14042',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('two-proportion z-test (UNPAIRED): p = 0.7917');
    expect(result.stdout).toContain('verdict at level 0.05: no significant difference');
    const json = await run([
      'compare',
      '--a-published',
      '88.6%',
      '--vs-published',
      '0.887',
      '--n',
      '14042',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      comparisons: [
        {
          paired: false,
          n_paired: null,
          a: { run_id: null, value: expect.closeTo(0.886, 12), n: 14042 },
          b: { value: expect.closeTo(0.887, 12), n: 14042 },
          test: { name: 'two_proportion_z_unpaired' },
          verdict: 'no_significant_difference',
        },
      ],
    });
  });

  it('compares each later run with the first, Holm-corrected, and names the verdicts', async () => {
    const base = Array.from({ length: 60 }, (_, index) => (index % 3 === 0 ? 0 : 1));
    const a = await importScores({ name: 'a', scores: base });
    const same = await importScores({
      name: 'same',
      scores: base.map((score, index) => (index < 2 ? 1 - score : score)),
    });
    const worse = await importScores({
      name: 'worse',
      scores: base.map((score, index) => (index < 30 ? 0 : score)),
    });
    const result = await run(['compare', a, same, worse, '--store', store, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      comparisons: {
        a: { run_id: string };
        b: { run_id: string };
        test: { p_value: number; p_adjusted: number };
        verdict: string;
      }[];
    };
    expect(
      json.comparisons.map((comparison) => [comparison.a.run_id, comparison.b.run_id, comparison.verdict]),
    ).toEqual([
      [a, same, 'no_significant_difference'],
      [a, worse, 'a_better'],
    ]);
    const [first, second] = json.comparisons;
    // Holm with two tests: the smaller p is doubled.
    expect(second?.test.p_adjusted).toBeCloseTo(2 * (second?.test.p_value ?? 0), 12);
    expect(first?.test.p_adjusted).toBeGreaterThanOrEqual(first?.test.p_value ?? 1);
  });

  it('refuses runs of different protocols with the reason (exit 2)', async () => {
    const scores = [1, 0, 1, 1, 0];
    const generative = await importScores({ name: 'gen', scores, bench: 'mmlu' });
    const chainOfThought = await importScores({
      name: 'cot',
      scores,
      bench: 'mmlu',
      protocol: 'mmlu.cot.0shot',
    });
    const result = await run(['compare', generative, chainOfThought, '--store', store]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/different protocols .* not comparable/);
    expect(result.stderr).toContain('mmlu.cot.0shot');
  });

  it('rejects bad input with one line naming the flag', async () => {
    const result = await run(['compare', '--vs-published', '1.7', '--a-published', '0.5', '--n', '100']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^parity: --vs-published: expected a fraction/);
  });
});
