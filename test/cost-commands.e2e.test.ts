import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { loadModelCatalog } from '../src/cost/load-catalog.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';

const repo = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'parity-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo({ cwd: repo });
  const code = await main(args, io);
  return { code, ...io.output };
}

interface CandidateJson {
  model: string;
  deployment: string;
  provider: string | null;
  gpus: { type: string; count: number } | null;
  monthly_cost_usd: number | null;
  cost_per_million_output_tokens_usd: number | null;
  cost_per_million_tokens_usd: number | null;
  gpu_price: { source: string; as_of: string; cloud_prices: unknown[] } | null;
  price: { source: string; as_of: string } | null;
  break_even: { tokens_per_month: number | null } | null;
  throughput: { basis: string } | null;
  violations: string[];
}

describe('parity recommend', () => {
  it('on the on-premises example excludes every API-only model and says why', async () => {
    const result = await run(['recommend', 'examples/workloads/on-premises-chatbot.yaml', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      recommended: CandidateJson;
      candidates: CandidateJson[];
      ranked: CandidateJson[];
    };
    const apiOnly = loadModelCatalog()
      .models.filter((model) => !model.openWeights)
      .map((model) => model.id);
    expect(apiOnly.length).toBeGreaterThanOrEqual(4);
    for (const id of apiOnly) {
      const candidates = json.candidates.filter((candidate) => candidate.model === id);
      expect(candidates.length).toBeGreaterThan(0);
      for (const candidate of candidates) {
        expect(
          candidate.violations.some((violation) =>
            /^on-premises: .*API-only \(no open weights\)/.test(violation),
          ),
        ).toBe(true);
      }
    }
    expect(json.ranked.every((candidate) => candidate.deployment === 'self_hosted')).toBe(true);
    expect(json.recommended.deployment).toBe('self_hosted');

    const text = await run(['recommend', 'examples/workloads/on-premises-chatbot.yaml']);
    expect(text.stdout).toContain('Recommended: ');
    expect(text.stdout).toMatch(/gpt-4o \(API openai\): on-premises: gpt-4o is API-only/);
  });

  it('on an example without constraints shows the break-even volume', async () => {
    const text = await run(['recommend', 'examples/workloads/batch-classifier.yaml']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /Break-even: self-hosting \S+ costs less than the \S+ API for \S+ above [\d.]+[kMBT] tokens\/month/,
    );
    const json = JSON.parse(
      (await run(['recommend', 'examples/workloads/batch-classifier.yaml', '--json'])).stdout,
    ) as {
      break_even: { tokens_per_month: number; self_hosted_model: string; versus_provider: string };
    };
    expect(json.break_even.tokens_per_month).toBeGreaterThan(0);
  });
});

describe('parity tco', () => {
  it('--json follows docs/cli.md, prices spend ÷ tokens and reproduces the $0.78 full-load figure for 70B on 4 × H100', async () => {
    const file = join(work, 'seventy.yaml');
    writeFileSync(
      file,
      [
        'name: 70B at saturation',
        'tokens_per_month: { input: 476000, output: 1000000 }',
        // the published measurement's request sizes, so it is used as published
        'average_request: { input_tokens: 161, output_tokens: 338 }',
        'candidates: [llama-3.1-70b-instruct]',
        'utilization: 1',
        'self_hosting:',
        '  gpu_types: [H100-80GB]',
        '  gpu_hourly_usd: [{ gpu: H100-80GB, usd: 2.49 }]',
        '  precisions: [bf16]',
        '  context_tokens: 8192',
        '  concurrent_sequences: 16',
      ].join('\n'),
    );
    const result = await run(['tco', file, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { candidates: CandidateJson[] };
    const selfHosted = json.candidates.find((candidate) => candidate.deployment === 'self_hosted');
    // bf16 weights 141.1 GB + 16 × 8,192 × 327,680 B of cache (42.9 GB) need 4 × 80 GB; published 3,543 tok/s there
    expect(selfHosted).toMatchObject({
      model: 'llama-3.1-70b-instruct',
      deployment: 'self_hosted',
      gpus: { type: 'H100-80GB', count: 4 },
      gpu_hourly_usd: 2.49,
      full_load_cost_per_million_output_tokens_usd: 0.7809,
      throughput: { basis: 'published', adjusted: false },
      violations: [],
    });
    // What the workload pays: one replica around the clock for 1.476M tokens a month.
    const monthly = 4 * 2.49 * 730;
    expect(selfHosted?.monthly_cost_usd).toBeCloseTo(monthly, 2);
    expect(selfHosted?.cost_per_million_tokens_usd).toBeCloseTo(monthly / 1.476, 2);
    expect(selfHosted?.gpu_price?.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(selfHosted?.gpu_price?.cloud_prices.length).toBeGreaterThan(1);
    const api = json.candidates.find((candidate) => candidate.deployment === 'api');
    expect(api).toMatchObject({
      model: 'llama-3.1-70b-instruct',
      provider: 'together',
      gpus: null,
      violations: [],
    });
    expect(api?.monthly_cost_usd).toBeCloseTo(1.476 * 0.88, 3);
  });

  it('shows price dates, sources and GPU $/h in the tco and recommend tables and in --json (issue 20)', async () => {
    for (const command of ['tco', 'recommend']) {
      const text = await run([command, 'examples/workloads/coding-assistant.yaml']);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/GPU \$\/h .*price as of/);
      expect(text.stdout).toMatch(/self-hosted .*\$\d+\.\d\d .*20\d\d-\d\d-\d\d \[\d+\]/);
      expect(text.stdout).toMatch(/API together .* 20\d\d-\d\d-\d\d \[\d+\]/);
      expect(text.stdout).toMatch(/\nPrices \(as of the date in the table\):\n\[1\] \S/);
      const json = JSON.parse(
        (await run([command, 'examples/workloads/coding-assistant.yaml', '--json'])).stdout,
      ) as { candidates: CandidateJson[] };
      for (const candidate of json.candidates) {
        if (candidate.deployment === 'api') {
          expect(candidate.price?.source).toBeTruthy();
          expect(candidate.price?.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else if (candidate.gpus) {
          expect(candidate.gpu_price?.source).toBeTruthy();
          expect(candidate.gpu_price?.as_of).toMatch(/^(\d{4}-\d{2}-\d{2}|workload)$/);
        }
      }
    }
  });

  it('takes prices from a litellm file with --prices', async () => {
    const prices = join(work, 'prices.json');
    writeFileSync(
      prices,
      JSON.stringify({
        'gpt-4o': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 4e-6,
          litellm_provider: 'openai',
          mode: 'chat',
        },
      }),
    );
    const result = await run([
      'tco',
      'examples/workloads/coding-assistant.yaml',
      '--json',
      '--prices',
      prices,
    ]);
    const json = JSON.parse(result.stdout) as {
      candidates: (CandidateJson & { price: { input_usd_per_million: number; source: string } })[];
    };
    const gpt4o = json.candidates.find((candidate) => candidate.model === 'gpt-4o');
    expect(gpt4o?.price).toMatchObject({
      input_usd_per_million: 1,
      source: expect.stringContaining('litellm price feed') as string,
    });
  });

  it('rejects a bad workload with one line naming the file and field, exit 2', async () => {
    const file = join(work, 'bad.yaml');
    writeFileSync(file, 'name: bad\ntokens_per_month: { input: 10, output: -5 }\n');
    const result = await run(['tco', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^parity: .*bad\.yaml: tokens_per_month/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('parity prices', () => {
  it('lists catalog prices with source and as-of date', async () => {
    const result = await run(['prices', '--model', 'claude-3-5-sonnet-20241022', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      prices: [
        expect.objectContaining({
          model: 'claude-3.5-sonnet',
          provider: 'anthropic',
          input_usd_per_million: 3,
          cached_input_usd_per_million: 0.3,
          output_usd_per_million: 15,
          blended_3_to_1_usd_per_million: 6,
          as_of: '2024-10-22',
        }),
      ],
      gpus: [],
    });
  });

  it('--stale-after warns about prices older than that, in one line, and marks them (issue 20)', async () => {
    const age = Math.floor((Date.now() - Date.parse('2024-10-22T00:00:00Z')) / 86_400_000);
    const stale = await run(['prices', '--model', 'claude-3.5-sonnet', '--stale-after', String(age - 1)]);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toMatch(
      /^parity: warning: 1 of 1 prices are older than \d+ days \(as of before \d{4}-\d{2}-\d{2}\): anthropic claude-3.5-sonnet; /,
    );
    expect(stale.stderr.trim().split('\n')).toHaveLength(1);
    expect(stale.stdout).toMatch(/2024-10-22 \(stale\)/);
    const fresh = await run([
      'prices',
      '--model',
      'claude-3.5-sonnet',
      '--stale-after',
      String(age + 1),
      '--json',
    ]);
    expect(fresh.stderr).toBe('');
    expect((JSON.parse(fresh.stdout) as { prices: { stale: boolean }[] }).prices[0]?.stale).toBe(false);
    // GPU prices from several clouds, each dated and sourced.
    const all = JSON.parse((await run(['prices', '--json'])).stdout) as {
      gpus: { gpu: string; cloud: string; hourly_usd: number; source: string; as_of: string }[];
    };
    const h100Clouds = all.gpus.filter((row) => row.gpu === 'H100-80GB').map((row) => row.cloud);
    expect(new Set(h100Clouds).size).toBeGreaterThanOrEqual(3);
    for (const row of all.gpus) {
      expect(row.source).not.toBe('');
      expect(row.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('--update takes in a litellm price file for good, saved in litellm format beside the store', async () => {
    const store = join(work, 'update', 'parity.db');
    const feed = join(work, 'model_prices_and_context_window.json');
    writeFileSync(
      feed,
      JSON.stringify({
        sample_spec: { input_cost_per_token: 0 },
        'claude-3-5-sonnet-20241022': {
          input_cost_per_token: 2e-6,
          output_cost_per_token: 1e-5,
          cache_read_input_token_cost: 2e-7,
          cache_creation_input_token_cost: 2.5e-6,
          litellm_provider: 'anthropic',
          mode: 'chat',
        },
        'some-unknown-model': { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6, mode: 'chat' },
      }),
    );
    const update = await run(['prices', '--update', feed, '--store', store]);
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(
      /^updated 1 prices of catalog models from .* 1 entries for other models left out/,
    );
    const saved = JSON.parse(readFileSync(join(work, 'update', 'prices.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(saved['claude-3-5-sonnet-20241022']).toMatchObject({
      input_cost_per_token: 2e-6,
      output_cost_per_token: 1e-5,
      cache_read_input_token_cost: 2e-7,
      cache_creation_input_token_cost: 2.5e-6,
      litellm_provider: 'anthropic',
      mode: 'chat',
      source: `litellm price list ${feed}`,
    });
    const after = await run(['prices', '--model', 'claude-3.5-sonnet', '--json', '--store', store]);
    const today = new Date().toISOString().slice(0, 10);
    expect((JSON.parse(after.stdout) as { prices: unknown[] }).prices).toEqual([
      expect.objectContaining({
        input_usd_per_million: 2,
        cached_input_usd_per_million: 0.2,
        cache_write_usd_per_million: 2.5,
        output_usd_per_million: 10,
        source: `litellm price list ${feed}`,
        as_of: today,
      }),
    ]);
    // Without that store the shipped catalog price stands.
    const untouched = await run(['prices', '--model', 'claude-3.5-sonnet', '--json']);
    expect(
      (JSON.parse(untouched.stdout) as { prices: { input_usd_per_million: number }[] }).prices[0],
    ).toMatchObject({ input_usd_per_million: 3 });
  });
});

describe('parity show', () => {
  it('shows the run cost from measured token usage at the catalog price', async () => {
    const storeFile = join(work, 'parity.db');
    const store = openSqliteRunStore({ path: storeFile });
    const runId = store.createRun({
      kind: 'eval',
      config: {
        modelSpec: 'openai:gpt-4o',
        model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'gpt-4o' },
        benchmark: 'gsm8k',
        protocol: 'gsm8k.cot.8shot',
        protocolVersion: 1,
        concurrency: 1,
        timeoutMs: 1000,
        maxRetries: 0,
      },
      totalItems: 2,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    for (const [index, usage] of [
      { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 500 },
      { inputTokens: 2000, outputTokens: 100 },
    ].entries()) {
      store.recordItem(
        runId,
        {
          itemId: String(index),
          sample: 0,
          status: 'ok',
          request: { messages: [{ role: 'user', content: 'q' }], parameters: {} },
          response: {
            text: 'The answer is 1',
            finishReason: 'stop',
            usage,
            timing: { totalMs: 5 },
            prefillApplied: false,
          },
          extracted: '1',
          scores: { accuracy_strict: 1, accuracy_flexible: 1 },
          cached: false,
          attempts: 1,
          cacheKey: `key-${index}`,
        },
        { updatedAt: '2026-01-01T00:00:01.000Z' },
      );
    }
    store.close();
    // 600 × 2.50 + 400 × 1.25 + 500 × 10 + 2,000 × 2.50 + 100 × 10 = 1,500 + 500 + 5,000 + 5,000 + 1,000 = 13,000 µ$
    const text = await run(['show', runId, '--store', storeFile]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'cost $0.0130 (openai gpt-4o list price 2.5/10 per M tokens, as of 2024-10-01)',
    );
    const json = JSON.parse((await run(['show', runId, '--store', storeFile, '--json'])).stdout) as {
      cost: unknown;
    };
    expect(json.cost).toMatchObject({
      usd: 0.013,
      input_tokens: 3000,
      cached_input_tokens: 400,
      output_tokens: 600,
    });
  });
});
