import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticGsm8k } from './support/synthetic-datasets.ts';
import { seededShuffle } from '../src/stats/seeded-shuffle.ts';

const ROWS = 200;

/** Answers every synthetic GSM8K question ("Ann has N apples and gets N+1 more") correctly. */
function correctAnswer(prompt: string): string {
  const matches = [...prompt.matchAll(/Ann has (\d+) apples/g)];
  const last = Number(matches.at(-1)?.[1] ?? 0);
  return `She has ${2 * last + 1} apples. The final answer is ${2 * last + 1}`;
}

describe('parity eval --stop-when-decided --vs <run>', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  let store: string;
  let referenceRunId: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-sequential-'));
    writeSyntheticGsm8k(join(directory, 'data'), { rows: ROWS });
    store = join(directory, 'parity.db');
    server = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        const prompt = [...body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
        return { text: correctAnswer(prompt), usage: { prompt_tokens: 100, completion_tokens: 10 } };
      },
    });
    // The reference: a model that got every item wrong, stored in reverse item order.
    const samples = join(directory, 'reference.jsonl');
    const lines = Array.from({ length: ROWS }, (_, index) =>
      JSON.stringify({ id: String(ROWS - 1 - index), score: 0 }),
    );
    writeFileSync(samples, `${lines.join('\n')}\n`);
    const io = captureIo({ cwd: directory });
    const args = [
      'import',
      '--bench',
      'gsm8k',
      '--samples',
      samples,
      '--store',
      store,
      '--data-dir',
      join(directory, 'data'),
    ];
    expect(await main(args, io), io.output.stderr).toBe(0);
    referenceRunId = io.output.stdout.trimEnd().split('\n').at(-1) ?? '';
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('draws items in a seeded random order, stops once decided and stores a completed run flagged as sequential', async () => {
    const io = captureIo({ cwd: directory });
    const args = ['eval', '--model', 'openai:test-model', '--base-url', server.url, '--bench', 'gsm8k'];
    const flags = ['--data-dir', join(directory, 'data'), '--store', store, '--concurrency', '2'];
    const code = await main([...args, ...flags, '--stop-when-decided', '--vs', referenceRunId], io);
    expect(code, io.output.stderr).toBe(0);
    expect(io.output.stdout).toContain(`this run is better than ${referenceRunId}`);
    expect(io.output.stdout).toMatch(
      /items drawn: \d+ of 200 planned; stopped early, \d+ items not requested/,
    );
    expect(io.output.stdout).toMatch(/saved ≈ \d+ tokens \(110 per item\)/);

    const opened = openSqliteRunStore({ path: store });
    try {
      const summary = opened.listRuns().find((run) => run.runId !== referenceRunId);
      expect(summary).toMatchObject({
        status: 'completed',
        totalItems: ROWS,
        config: { stopWhenDecided: { vsRunId: referenceRunId, alpha: 0.05, orderSeed: 0 } },
      });
      const run = opened.getRun(summary?.runId ?? '');
      const drawn = run?.items.length ?? 0;
      expect(drawn).toBeGreaterThan(5);
      expect(drawn).toBeLessThan(60);
      // The plan is a seeded shuffle of the reference's items (not its stored, reversed order): the items
      // drawn are the first of that plan (give or take the 2 requests in flight when it stopped).
      const plan = seededShuffle(Array.from({ length: ROWS }, (_, index) => String(index)).sort(), 0);
      const ids = (run?.items ?? []).map((item) => item.itemId);
      const firstOfPlan = new Set(plan.slice(0, drawn + 2));
      expect(ids.every((id) => firstOfPlan.has(id))).toBe(true);
      expect(Math.min(...ids.map(Number))).toBeLessThan(ROWS - 70);
      expect(run?.items.every((item) => item.scores.accuracy_flexible === 1)).toBe(true);
    } finally {
      opened.close();
    }
  });

  it('with --margin, stops once equivalence is shown against an equally good reference', async () => {
    const samples = join(directory, 'equal.jsonl');
    const lines = Array.from({ length: ROWS }, (_, index) => JSON.stringify({ id: String(index), score: 1 }));
    writeFileSync(samples, `${lines.join('\n')}\n`);
    const imported = captureIo({ cwd: directory });
    const importArgs = ['import', '--bench', 'gsm8k', '--samples', samples, '--store', store];
    expect(await main([...importArgs, '--data-dir', join(directory, 'data')], imported)).toBe(0);
    const equalRun = imported.output.stdout.trimEnd().split('\n').at(-1) ?? '';
    const io = captureIo({ cwd: directory });
    const args = ['eval', '--model', 'openai:test-model', '--base-url', server.url, '--bench', 'gsm8k'];
    const flags = ['--data-dir', join(directory, 'data'), '--store', store, '--concurrency', '2'];
    const sequential = ['--stop-when-decided', '--vs', equalRun, '--margin', '10', '--order-seed', '7'];
    expect(await main([...args, ...flags, ...sequential], io), io.output.stderr).toBe(0);
    expect(io.output.stdout).toContain(`equivalent to ${equalRun} within ±10.00 points`);
    expect(io.output.stdout).toContain('items in random order, seed 7');
    expect(io.output.stdout).toMatch(/stopped early, \d+ items not requested/);
  });

  it('refuses without --vs and against a run of another protocol (exit 2)', async () => {
    const base = [
      'eval',
      '--model',
      'openai:test-model',
      '--base-url',
      server.url,
      '--data-dir',
      join(directory, 'data'),
      '--store',
      store,
    ];
    const missing = captureIo({ cwd: directory });
    expect(await main([...base, '--bench', 'gsm8k', '--stop-when-decided'], missing)).toBe(2);
    expect(missing.output.stderr).toContain('--vs <run-id>');
    const other = captureIo({ cwd: directory });
    const otherProtocol = [
      '--bench',
      'gsm8k',
      '--protocol',
      'gsm8k.cot.8shot.llama',
      '--stop-when-decided',
      '--vs',
      referenceRunId,
    ];
    expect(await main([...base, ...otherProtocol], other)).toBe(2);
    expect(other.output.stderr).toContain('needs the same protocol');
  });
});
