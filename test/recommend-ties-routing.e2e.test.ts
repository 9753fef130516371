import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';

/**
 * Two imported MMLU runs on the same 500 items: llama-3.1-70b-instruct right on items 0–399 (0.80),
 * gpt-4o right on 0–379 and 400–424 (0.81) — 20 discordant pairs one way, 25 the other.
 */
const n = 500;
const llamaRight = (index: number): boolean => index < 400;
const gptRight = (index: number): boolean => index < 380 || (index >= 400 && index < 425);

describe('parity recommend with two imported runs: ties and the routing curve', () => {
  let directory: string;
  let store: string;
  let workload: string;
  const runIds: string[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-recommend-'));
    store = join(directory, 'parity.db');
    const emptyData = join(directory, 'data');
    mkdirSync(emptyData);
    for (const [model, right] of [
      ['llama-3.1-70b-instruct', llamaRight],
      ['gpt-4o', gptRight],
    ] as const) {
      const file = join(directory, `${model}.jsonl`);
      const lines = Array.from({ length: n }, (_unused, index) =>
        JSON.stringify({ id: `q/${index}`, score: right(index) ? 1 : 0 }),
      );
      writeFileSync(file, `${lines.join('\n')}\n`);
      const io = captureIo({ cwd: directory });
      const args = ['import', '--bench', 'mmlu', '--samples', file, '--model', model, '--store', store];
      const code = await main([...args, '--data-dir', emptyData, '--no-download'], io);
      expect(code, io.output.stderr).toBe(0);
      runIds.push(io.output.stdout.trimEnd().split('\n').pop() ?? '');
    }
    workload = join(directory, 'workload.yaml');
    writeFileSync(
      workload,
      [
        'name: Tie and routing example',
        'tokens_per_month: { input: 30000000, output: 10000000 }',
        'quality_floors: [{ benchmark: mmlu, min: 0.5 }]',
        'candidates: [llama-3.1-70b-instruct, gpt-4o, claude-3.5-sonnet]',
      ].join('\n'),
    );
  }, 60_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function recommend(extra: string[] = []): Promise<string> {
    const io = captureIo({ cwd: directory });
    const code = await main(['recommend', workload, '--runs', ...runIds, '--store', store, ...extra], io);
    expect(code, io.output.stderr).toBe(0);
    return io.output.stdout;
  }

  it('marks the two measured models tied and prints the routing table', async () => {
    const text = await recommend();
    expect(text).toMatch(/tied with/);
    expect(text).toMatch(/llama-3\.1-70b-instruct .*= gpt-4o \(mmlu\)/);
    expect(text).toMatch(
      /mmlu: llama-3\.1-70b-instruct 0\.800 vs gpt-4o 0\.810: A − B −0\.010 .*exact McNemar \(paired, 500 items\) .*→ TIED/,
    );
    expect(text).toContain('Published catalog figures are not tested');
    expect(text).toContain('claude-3.5-sonnet (mmlu)');
    expect(text).toMatch(/Routing curve: mmlu \(mmlu\.gen\.5shot accuracy\), 500 items both runs scored/);
    expect(text).toMatch(/weak {2}: llama-3\.1-70b-instruct .* 0\.800/);
    expect(text).toMatch(/strong: gpt-4o .* 0\.810, API openai/);
    // 10%: 50 items to gpt-4o — the 25 llama gets wrong and gpt-4o right, then 25 with no gain.
    expect(text).toMatch(/\n10% +50 +0\.801 +0\.850 +\$/);
    expect(text).toMatch(/\n100% +500 +0\.810 +0\.810 +\$/);
    expect(text).toContain('upper bound');
  });

  it('--json carries the comparison, the tie on the ranking and the curve', async () => {
    const json = JSON.parse(await recommend(['--json'])) as {
      ranked: {
        model: string;
        monthly_cost_usd: number;
        tied_with: { model: string; benchmark: string }[];
      }[];
      candidates: { model: string; deployment: string; monthly_cost_usd: number }[];
      quality_comparisons: {
        comparisons: {
          paired: boolean;
          n_paired: number;
          verdict: string;
          test: { name: string; discordant: { a_only: number; b_only: number } };
        }[];
        not_tested: { model: string; basis: string }[];
      };
      routing_curves: {
        items: number;
        weak: { model: string; quality: number; monthly_cost_usd: number };
        strong: { model: string; quality: number; monthly_cost_usd: number };
        oracle_peak: { quality: number; share: number };
        points: {
          share: number;
          items_to_strong: number;
          random_quality: number;
          oracle_quality_upper_bound: number;
          monthly_cost_usd: number;
        }[];
      }[];
    };
    expect(json.quality_comparisons.comparisons).toEqual([
      expect.objectContaining({
        paired: true,
        n_paired: 500,
        verdict: 'tied',
        test: expect.objectContaining({ name: 'mcnemar_exact', discordant: { a_only: 20, b_only: 25 } }),
      }),
    ]);
    expect(json.quality_comparisons.not_tested).toContainEqual(
      expect.objectContaining({ model: 'claude-3.5-sonnet', basis: 'published' }),
    );
    const llama = json.ranked.find((entry) => entry.model === 'llama-3.1-70b-instruct');
    expect(llama?.tied_with).toEqual([{ model: 'gpt-4o', benchmark: 'mmlu' }]);
    expect(json.ranked.find((entry) => entry.model === 'claude-3.5-sonnet')?.tied_with).toEqual([]);

    const [curve] = json.routing_curves;
    expect(json.routing_curves).toHaveLength(1);
    expect(curve).toMatchObject({
      items: 500,
      weak: { model: 'llama-3.1-70b-instruct' },
      strong: { model: 'gpt-4o' },
    });
    expect(curve?.oracle_peak.quality).toBeCloseTo(0.85, 9);
    expect(curve?.oracle_peak.share).toBeCloseTo(0.05, 9);
    expect(curve?.points).toHaveLength(11);
    // The weak end costs the cheapest eligible llama deployment; gpt-4o's API cost is linear in its share.
    const weakCost = Math.min(
      ...json.candidates
        .filter((candidate) => candidate.model === 'llama-3.1-70b-instruct')
        .map((candidate) => candidate.monthly_cost_usd),
    );
    const gpt = json.candidates.find((candidate) => candidate.model === 'gpt-4o');
    expect(curve?.weak.monthly_cost_usd).toBeCloseTo(weakCost, 4);
    expect(curve?.points[0]?.monthly_cost_usd).toBeCloseTo(weakCost, 4);
    expect(curve?.points[10]?.monthly_cost_usd).toBeCloseTo(gpt?.monthly_cost_usd ?? Number.NaN, 4);
    const half = curve?.points[5];
    expect(half?.items_to_strong).toBe(250);
    expect(half?.random_quality).toBeCloseTo(0.805, 9);
    expect(half?.oracle_quality_upper_bound).toBeCloseTo(0.85, 9);
  });
});
