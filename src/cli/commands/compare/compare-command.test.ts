import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../../../test/support/capture-io.ts';
import { main } from '../../main.ts';

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
    // Wald test, so that it agrees with the Wald interval printed beside it (statsmodels method='wald').
    expect(result.stdout).toContain('two-proportion Wald z-test (UNPAIRED): p = 0.7917');
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
          test: { name: 'two_proportion_wald_unpaired' },
          verdict: 'no_significant_difference',
        },
      ],
    });
  });

  it('published 88.6% vs 88.7% on 14,042 items with --margin 1: equivalent (TOST, 90% interval inside ±1)', async () => {
    const args = ['compare', '--a-published', '0.886', '--vs-published', '0.887', '--n', '14042'];
    const result = await run([...args, '--margin', '1']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    // The verdict is the headline, right under the title.
    expect(lines[1]).toBe('  verdict at level 0.05: equivalent within ±1.00 points');
    expect(result.stdout).toContain('equivalence within ±1.00 points (two one-sided tests)');
    expect(result.stdout).toContain('90% CI [-0.72, +0.52] (Wald, unpaired)');
    const json = JSON.parse((await run([...args, '--margin', '1', '--json'])).stdout) as {
      comparisons: {
        margin: {
          mode: string;
          value: number;
          verdict: string;
          test: { name: string; p_value: number };
          interval: { level: number; bounds: [number, number]; method: string };
        };
      }[];
    };
    const margin = json.comparisons[0]?.margin;
    expect(margin).toMatchObject({
      mode: 'equivalence',
      value: 0.01,
      verdict: 'equivalent',
      test: { name: 'tost_two_proportion_wald_unpaired' },
      interval: { method: 'two_proportion_wald_unpaired' },
    });
    expect(margin?.interval.level).toBeCloseTo(0.9, 12);
    expect(margin?.interval.bounds[0]).toBeGreaterThan(-0.01);
    expect(margin?.interval.bounds[1]).toBeLessThan(0.01);
    expect(margin?.test.p_value).toBeLessThan(0.05);

    // Non-inferiority: B (88.7%) is not worse than A by more than 0.6 points (upper 90% bound +0.52).
    const nonInferior = await run([...args, '--margin', '0.6', '--non-inferiority']);
    expect(nonInferior.stdout).toContain(
      'verdict at level 0.05: B not worse than A by more than 0.60 points',
    );
    // A relative margin: 1% of A's 88.6% = 0.886 points.
    const relative = await run([...args, '--margin-relative', '1', '--json']);
    expect(
      (JSON.parse(relative.stdout) as { comparisons: { margin: { value: number } }[] }).comparisons[0]?.margin
        .value,
    ).toBeCloseTo(0.00886, 12);
  });

  it('with several benchmarks, says whether B is equivalent on all (Holm across the margin tests)', async () => {
    const scores = (count: number, offset: number) =>
      Array.from({ length: count }, (_, index) => ((index + offset) % 4 === 0 ? 0 : 1));
    const gsmA = await importScores({ name: 'multi-gsm-a', scores: scores(400, 0) });
    const gsmB = await importScores({
      name: 'multi-gsm-b',
      scores: scores(400, 0).map((score, index) => (index % 50 === 0 ? 1 - score : score)),
    });
    const mmluA = await importScores({ name: 'multi-mmlu-a', scores: scores(40, 1), bench: 'mmlu' });
    const mmluB = await importScores({ name: 'multi-mmlu-b', scores: scores(40, 2), bench: 'mmlu' });
    const result = await run(['compare', gsmA, mmluA, gsmB, mmluB, '--store', store, '--margin', '5']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('gsm8k');
    expect(result.stdout).toMatch(/verdict at level 0\.05: equivalent within ±5\.00 points/);
    expect(result.stdout).toMatch(/verdict at level 0\.05: inconclusive at ±5\.00 points/);
    expect(result.stdout).toContain('not shown equivalent on all: 1 of 2 equivalent; mmlu: inconclusive');
    // Each interval is printed at its Holm level: the more significant margin test at 1 − 2·α/2 = 95%.
    expect(result.stdout).toMatch(/two one-sided tests\): p = [^;]+; 95% CI/);
  });

  it('rejects inconsistent margin flags with one line', async () => {
    const base = ['compare', '--a-published', '0.5', '--vs-published', '0.5', '--n', '100'];
    const both = await run([...base, '--margin', '1', '--margin-relative', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^parity: --margin: give either --margin or --margin-relative/);
    const alone = await run([...base, '--non-inferiority']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^parity: --non-inferiority: --non-inferiority needs --margin/);
    const negative = await run([...base, '--margin', '-1']);
    expect(negative.code).toBe(2);
    expect(negative.stderr.trimEnd().split('\n')).toHaveLength(1);
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
