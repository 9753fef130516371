import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { runCost } from '../src/cost/token-cost.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import type { Usage } from '../src/spec/index.ts';
import { captureIo } from './support/capture-io.ts';
import { startFlavourServer, type FlavourServer } from './support/flavours/flavour-server.ts';
import { flavours } from './support/flavours/flavours.ts';

/**
 * `parity eval` of gsm8k, mmlu (each protocol), bbh and humaneval against every server flavour and model
 * (test/support/flavours): 0 errors, and each item's stored usage is what the server reported for the
 * response the item came from (cached and reasoning tokens included), so its cost is too. A protocol the
 * server cannot run (log-likelihoods without echo) is refused up front in one line, before any run.
 */
const datasets = resolve(import.meta.dirname, '../../shared/datasets');
const ready = ['gsm8k', 'mmlu', 'bbh', 'humaneval'].every((name) => existsSync(join(datasets, name)));
const sandbox = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');

const protocols = [
  ['gsm8k', 'gsm8k.cot.8shot'],
  ['mmlu', 'mmlu.gen.5shot'],
  ['mmlu', 'mmlu.cot.0shot'],
  ['mmlu', 'mmlu.loglik.5shot'],
  ['bbh', 'bbh.cot.3shot'],
  ...(sandbox ? [['humaneval', 'humaneval.instruct']] : []),
] as const;

const cases = flavours.flatMap((rules) => rules.models.map((model) => ({ rules, model })));

/** The response ids an item's stored exchange came from: stream events' ids, or each scored completion's. */
function responseIds(raw: unknown): string[] {
  const response = (raw as { response?: unknown } | undefined)?.response;
  if (Array.isArray(response)) return response.map((entry) => String((entry as { id?: unknown }).id));
  const events = (response as { events?: unknown[] } | undefined)?.events ?? [];
  for (const event of events) {
    const record = event as { id?: unknown; response?: { id?: unknown } };
    if (typeof record.id === 'string' && record.id !== '') return [record.id];
    if (typeof record.response?.id === 'string') return [record.response.id];
  }
  return [];
}

function sumUsages(usages: readonly (Usage | undefined)[]): Usage {
  const fields = ['inputTokens', 'cachedInputTokens', 'outputTokens', 'reasoningTokens'] as const;
  const total: Record<string, number> = {};
  for (const field of fields) {
    const values = usages.map((usage) => usage?.[field]).filter((value) => value !== undefined);
    if (values.length > 0) total[field] = values.reduce((sum, value) => sum + value, 0);
  }
  return total;
}

describe.skipIf(!ready)(
  'eval against every server flavour (skipped: needs ../shared/datasets with gsm8k, mmlu, bbh, humaneval)',
  () => {
    let directory: string;
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'parity-flavours-'));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it.each(cases)(
      '$rules.name $model',
      async ({ rules, model }) => {
        const server: FlavourServer = await startFlavourServer(rules);
        try {
          for (const [benchmark, protocol] of protocols) {
            const store = join(directory, `${rules.name}-${model.replace(/\W/g, '_')}-${protocol}.db`);
            const io = captureIo({ cwd: directory });
            const code = await main(
              [
                'eval',
                ...[
                  '--model',
                  `${rules.name === 'tgi' ? 'openai' : rules.name === 'llamacpp' ? 'llamacpp' : rules.name}:${model}`,
                ],
                ...['--base-url', server.url, '--bench', benchmark, '--protocol', protocol, '--limit', '2'],
                ...['--data-dir', datasets, '--store', store, '--no-download', '--concurrency', '2'],
              ],
              io,
            );
            if (protocol === 'mmlu.loglik.5shot' && !rules.echo.supported) {
              expect(code, io.output.stderr).toBe(2);
              expect(io.output.stderr.trim().split('\n')).toHaveLength(1);
              expect(io.output.stderr).toContain('use --protocol mmlu.gen.5shot instead');
              continue;
            }
            expect(code, `${protocol}: ${io.output.stderr}`).toBe(0);
            const opened = openSqliteRunStore({ path: store });
            try {
              const run = opened.getRun(opened.listRuns()[0]?.runId ?? '');
              const items = run?.items ?? [];
              expect(items.length).toBeGreaterThan(0);
              expect(items.filter((item) => item.status !== 'ok').map((item) => item.error?.message)).toEqual(
                [],
              );
              for (const item of items) {
                const ids = responseIds(item.response?.raw);
                expect(ids.length, `${protocol} ${item.itemId}`).toBeGreaterThan(0);
                const reported = sumUsages(ids.map((id) => server.reported.get(id)));
                expect(item.response?.usage, `${protocol} ${item.itemId}`).toEqual(reported);
                const price = {
                  inputUsdPerMillion: 1,
                  cachedInputUsdPerMillion: 0.5,
                  outputUsdPerMillion: 4,
                  tiers: [],
                };
                expect(runCost({ usages: [item.response?.usage], price })).toEqual(
                  runCost({ usages: [reported], price }),
                );
              }
            } finally {
              opened.close();
            }
          }
        } finally {
          await server.close();
        }
      },
      240_000,
    );
  },
);
