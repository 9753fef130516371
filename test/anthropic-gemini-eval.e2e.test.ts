import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { getBenchmark, getProtocol } from '../src/benchmarks/registry.ts';
import { main } from '../src/cli/main.ts';
import { loadModelCatalog } from '../src/cost/load-catalog.ts';
import { priceForModelSpec } from '../src/cost/find-catalog-model.ts';
import { requestCostUsd } from '../src/cost/token-cost.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import type { Usage } from '../src/spec/index.ts';
import { startAnthropicMessagesServer, type AnthropicServer } from './support/anthropic-messages-server.ts';
import { captureIo } from './support/capture-io.ts';
import { startGeminiApiServer, type GeminiServer } from './support/gemini-api-server.ts';

/**
 * `parity eval` of GSM8K, MMLU (each protocol), BBH and HumanEval against the Anthropic and Gemini server
 * flavours (written from each SDK's types; see test/support): 0 errors, and the stored usage and its cost equal
 * what the server reported (prompt-cache reads and writes and thinking tokens included).
 */
const datasets = resolve(import.meta.dirname, '../../shared/datasets');
const sandbox = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');
const LIMIT = 4;
const protocols = [
  ['gsm8k', 'gsm8k.cot.8shot'],
  ['mmlu', 'mmlu.gen.5shot'],
  ['mmlu', 'mmlu.cot.0shot'],
  ['bbh', 'bbh.cot.3shot'],
  ['bbh', 'bbh.direct.3shot'],
  ['humaneval', 'humaneval.instruct'],
  ['humaneval', 'humaneval.base'],
] as const;

interface RunJson {
  protocol: string;
  n: number;
  errors: number;
  metrics: Record<string, { value: number | null }>;
  provider_fixed?: string[];
}

describe.skipIf(!existsSync(datasets) || !sandbox)(
  'eval against the Anthropic and Gemini flavours (skipped: needs ../shared/datasets, bubblewrap and /usr/bin/python3)',
  () => {
    let directory: string;
    let anthropic: AnthropicServer;
    let gemini: GeminiServer;
    /** The protocol's reference completion for each prompt (keyed by the last user message). */
    const replies = new Map<string, string>();
    const replyTo = (lastUserMessage: string | undefined) =>
      replies.get(lastUserMessage ?? '') ?? 'I do not know.';

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-flavours-'));
      const source = createDirectorySourceForTests(datasets);
      for (const [benchmarkId, protocolId] of protocols) {
        const benchmark = getBenchmark(benchmarkId);
        const protocol = getProtocol(benchmark, protocolId);
        for (const item of await benchmark.loadItems(source, { limit: LIMIT })) {
          const request = protocol.buildRequest(item);
          const user = request.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
          // Without prefill the reply carries the prefix itself (the protocol's no-prefill form).
          const reference = protocol.referenceCompletion(item);
          replies.set(user, request.assistantPrefix ? `${request.assistantPrefix}${reference}` : reference);
        }
      }
      anthropic = await startAnthropicMessagesServer({
        respond: (body) => ({
          text: replyTo(body.messages.filter((m) => m.role === 'user').at(-1)?.content),
        }),
      });
      gemini = await startGeminiApiServer({
        respond: (body) => ({
          type: 'text',
          text: replyTo(
            body.contents
              .filter((content) => content.role === 'user')
              .at(-1)
              ?.parts.map((part) => part.text ?? '')
              .join(''),
          ),
        }),
      });
    });
    afterAll(async () => {
      await anthropic.close();
      await gemini.close();
      rmSync(directory, { recursive: true, force: true });
    });

    async function evaluate(options: {
      model: string;
      baseUrl: string;
      env: Record<string, string>;
      bench: string;
      protocol: string;
      extra?: readonly string[];
    }): Promise<{
      code: number;
      stdout: string;
      stderr: string;
      run?: RunJson;
      usages: Usage[];
      modelSpec: string;
    }> {
      const io = captureIo({ cwd: directory, env: options.env });
      const name = `${options.model.replace(/\W/g, '-')}-${options.protocol}`;
      const store = join(directory, `${name}.db`);
      const jsonFile = join(directory, `${name}.json`);
      const code = await main(
        [
          'eval',
          ...['--model', options.model, '--base-url', options.baseUrl, '--bench', options.bench],
          ...['--protocol', options.protocol, '--limit', String(LIMIT), '--data-dir', datasets],
          ...['--store', store, '--json', jsonFile, '--no-download', '--exec-jobs', '2'],
          ...(options.extra ?? []),
        ],
        io,
      );
      const { stdout, stderr } = io.output;
      if (code !== 0) return { code, stdout, stderr, usages: [], modelSpec: options.model };
      const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] }).runs[0];
      const runStore = openSqliteRunStore({ path: store });
      try {
        const [summary] = runStore.listRuns();
        const stored = summary ? runStore.getRun(summary.runId) : undefined;
        const usages = (stored?.items ?? []).flatMap((item) => (item.response ? [item.response.usage] : []));
        return { code, stdout, stderr, ...(run ? { run } : {}), usages, modelSpec: options.model };
      } finally {
        runStore.close();
      }
    }

    const sum = (values: readonly (number | undefined)[]) =>
      values.reduce<number>((total, value) => total + (value ?? 0), 0);

    it.each(protocols)(
      'anthropic %s %s: 0 errors; usage and cost as the server reported',
      async (bench, protocol) => {
        const before = anthropic.reported.length;
        const thinking = bench === 'gsm8k';
        const result = await evaluate({
          model: 'anthropic:claude-3-5-sonnet-20241022',
          baseUrl: anthropic.origin,
          env: { ANTHROPIC_API_KEY: 'sk-ant-flavour' },
          bench,
          protocol,
          extra: thinking ? ['--reasoning-allowance', '1024'] : [],
        });
        expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
          code: 0,
          stderr: '',
        });
        expect(result.run).toMatchObject({ protocol, errors: 0 });
        // The flavour answers with the protocol's reference completion: every item is right.
        expect(Object.values(result.run?.metrics ?? {})[0]?.value).toBe(1);
        // Every protocol sets a temperature, which this API version cannot take: recorded and shown.
        expect(result.run?.provider_fixed).toContain('temperature');
        expect(result.stdout).toMatch(new RegExp(`${protocol}.*\\(provider's sampling: temperature`));
        const reported = anthropic.reported.slice(before);
        expect(reported).toHaveLength(result.usages.length);
        const totals = {
          input: sum(result.usages.map((usage) => usage.inputTokens)),
          cacheReads: sum(result.usages.map((usage) => usage.cachedInputTokens)),
          cacheWrites: sum(result.usages.map((usage) => usage.cacheWriteInputTokens)),
          output: sum(result.usages.map((usage) => usage.outputTokens)),
          thinking: sum(result.usages.map((usage) => usage.reasoningTokens)),
        };
        expect(totals).toEqual({
          input: sum(
            reported.map(
              (usage) =>
                usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens,
            ),
          ),
          cacheReads: sum(reported.map((usage) => usage.cache_read_input_tokens)),
          cacheWrites: sum(reported.map((usage) => usage.cache_creation_input_tokens)),
          output: sum(reported.map((usage) => usage.output_tokens)),
          thinking: sum(reported.map((usage) => usage.thinking_tokens)),
        });
        if (thinking) expect(totals.thinking).toBeGreaterThan(0);
        // Cost at the catalog's list price, computed by hand from what the server reported.
        const price = priceForModelSpec(loadModelCatalog(), result.modelSpec)?.price;
        if (!price) throw new Error('no catalog price for the flavour model');
        const expectedUsd =
          sum(
            reported.map(
              (usage) =>
                usage.input_tokens * price.inputUsdPerMillion +
                usage.cache_creation_input_tokens *
                  (price.cacheWriteUsdPerMillion ?? price.inputUsdPerMillion) +
                usage.cache_read_input_tokens * (price.cachedInputUsdPerMillion ?? price.inputUsdPerMillion) +
                usage.output_tokens * price.outputUsdPerMillion,
            ),
          ) / 1e6;
        const storedUsd = sum(result.usages.map((usage) => requestCostUsd({ usage, price })));
        expect(storedUsd).toBeCloseTo(expectedUsd, 12);
      },
    );

    it.each(protocols)(
      'gemini %s %s: 0 errors; usage and cost as the server reported',
      async (bench, protocol) => {
        const before = gemini.reported.length;
        const thinking = bench === 'gsm8k' || protocol === 'mmlu.gen.5shot';
        const result = await evaluate({
          model: 'gemini:gemini-1.5-pro',
          baseUrl: gemini.origin,
          env: { GEMINI_API_KEY: 'gemini-flavour-key' },
          bench,
          protocol,
          extra: thinking ? ['--reasoning-allowance', '256'] : [],
        });
        expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
          code: 0,
          stderr: '',
        });
        expect(result.run).toMatchObject({ protocol, errors: 0 });
        // The flavour answers with the protocol's reference completion: every item is right.
        expect(Object.values(result.run?.metrics ?? {})[0]?.value).toBe(1);
        expect(result.run?.provider_fixed).toBeUndefined();
        const reported = gemini.reported.slice(before);
        expect(reported).toHaveLength(result.usages.length);
        const totals = {
          input: sum(result.usages.map((usage) => usage.inputTokens)),
          output: sum(result.usages.map((usage) => usage.outputTokens)),
          thinking: sum(result.usages.map((usage) => usage.reasoningTokens)),
        };
        expect(totals).toEqual({
          input: sum(reported.map((usage) => usage.promptTokenCount)),
          output: sum(reported.map((usage) => usage.candidatesTokenCount + usage.thoughtsTokenCount)),
          thinking: sum(reported.map((usage) => usage.thoughtsTokenCount)),
        });
        if (thinking) expect(totals.thinking).toBeGreaterThan(0);
        const price = priceForModelSpec(loadModelCatalog(), result.modelSpec)?.price;
        if (!price) throw new Error('no catalog price for the flavour model');
        // Google bills thinking as output: (prompt × input + (candidates + thoughts) × output) per request.
        const expectedUsd =
          sum(
            reported.map(
              (usage) =>
                usage.promptTokenCount * price.inputUsdPerMillion +
                (usage.candidatesTokenCount + usage.thoughtsTokenCount) * price.outputUsdPerMillion,
            ),
          ) / 1e6;
        const storedUsd = sum(result.usages.map((usage) => requestCostUsd({ usage, price })));
        expect(storedUsd).toBeCloseTo(expectedUsd, 12);
      },
    );

    it('gemini: a blocked prompt is stored at once as blocked by the content filter, not retried', async () => {
      const blocking = await startGeminiApiServer({ respond: () => ({ type: 'blocked', reason: 'SAFETY' }) });
      try {
        const store = join(directory, 'blocked.db');
        const io = captureIo({ cwd: directory, env: { GEMINI_API_KEY: 'gemini-flavour-key' } });
        const code = await main(
          [
            'eval',
            ...['--model', 'gemini:gemini-1.5-pro', '--base-url', blocking.origin, '--bench', 'gsm8k'],
            ...['--limit', '3', '--data-dir', datasets, '--store', store, '--no-download'],
          ],
          io,
        );
        expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
        const runStore = openSqliteRunStore({ path: store });
        try {
          const [summary] = runStore.listRuns();
          const items = summary ? runStore.getRun(summary.runId)?.items : undefined;
          expect(
            items?.map((item) => ({
              status: item.status,
              attempts: item.attempts,
              finishReason: item.response?.finishReason,
              text: item.response?.text,
              reason: JSON.stringify(item.response?.raw?.response).includes('"blockReason":"SAFETY"'),
            })),
          ).toEqual(
            Array.from({ length: 3 }, () => ({
              status: 'ok',
              attempts: 1,
              finishReason: 'content-filter',
              text: '',
              reason: true,
            })),
          );
        } finally {
          runStore.close();
        }
        expect(blocking.requests).toHaveLength(3);
      } finally {
        await blocking.close();
      }
    });

    it.each([
      ['anthropic:claude-3-5-sonnet-20241022', 'ANTHROPIC_API_KEY'],
      ['gemini:gemini-1.5-pro', 'GEMINI_API_KEY'],
    ])('%s: mmlu.loglik.5shot is refused up front in one line', async (model, variable) => {
      const result = await evaluate({
        model,
        baseUrl: model.startsWith('anthropic') ? anthropic.origin : gemini.origin,
        env: { [variable]: 'flavour-key' },
        bench: 'mmlu',
        protocol: 'mmlu.loglik.5shot',
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('use --protocol mmlu.gen.5shot instead');
    });
  },
);
