import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';
import { startCli } from './support/run-cli.ts';

/**
 * A loopback "model" that reads the haystack: it answers the needle's values (or the variable chain) while the
 * prompt is at most `memoryChars` long, and a wrong number beyond, so accuracy drops with length on purpose.
 */
function oracleAnswer(prompt: string, memoryChars: number): string {
  if (prompt.length > memoryChars) return 'The answer is 1234567.';
  const niah = /special magic numbers? for ([a-z-]+) mentioned/.exec(prompt);
  if (niah?.[1]) {
    const key = niah[1];
    const values = [...prompt.matchAll(/One of the special magic numbers for ([a-z-]+) is: (\d+)\./g)]
      .filter((match) => match[1] === key)
      .map((match) => match[2]);
    return `The special magic numbers for ${key} are ${values.join(', ')}.`;
  }
  const value = /assigned the value (\d+) in the text above/.exec(prompt)?.[1] ?? '';
  const assignments = [...prompt.matchAll(/^VAR ([A-Z]+) = (?:VAR )?([A-Z0-9]+)$/gm)];
  const found = new Set<string>();
  let frontier = new Set([value]);
  while (frontier.size > 0) {
    const next = new Set<string>();
    for (const match of assignments) {
      if (match[1] && match[2] && frontier.has(match[2]) && !found.has(match[1])) {
        found.add(match[1]);
        next.add(match[1]);
      }
    }
    frontier = next;
  }
  return `They are: ${[...found].join(', ')}.`;
}

describe('parity eval --bench longctx against a loopback OpenAI-compatible server', () => {
  let directory: string;
  let server: OpenAICompatibleServer;
  /** How many characters make a token for this server's usage figures. */
  let serverCharsPerToken = 4;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-longctx-'));
    server = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        const prompt = body.messages.map((message) => message.content).join('\n');
        return {
          text: oracleAnswer(prompt, 6000),
          usage: { prompt_tokens: Math.round(prompt.length / serverCharsPerToken), completion_tokens: 8 },
        };
      },
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('scores every task per length and depth, refuses lengths above the context window and finds the effective length', async () => {
    const io = captureIo({ cwd: directory });
    const store = join(directory, 'parity.db');
    const code = await main(
      [
        'eval',
        '--model',
        'openai:test-model',
        '--base-url',
        server.url,
        '--bench',
        'longctx',
        '--lengths',
        '1k,2k,4k,8k',
        '--depths',
        '0,50,100',
        '--items-per-cell',
        '1',
        '--context-window',
        '4k',
        '--store',
        store,
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    expect(io.output.stderr).toContain(
      'longctx: lengths 8192 refused: above the context window of 4096 tokens (--context-window)\n',
    );
    // 3 lengths × 3 depths × 4 tasks; nothing of 8k was sent.
    expect(server.requests).toHaveLength(36);
    expect(server.requests.every((request) => request.temperature === 0)).toBe(true);
    const stdout = io.output.stdout;
    expect(stdout).toMatch(/^1024 +100\.0% +100\.0% +100\.0% +100\.0% +12 +\d+$/m);
    expect(stdout).toMatch(/^2048 +0\.0% +0\.0% +0\.0% +0\.0% +12 +\d+$/m);
    expect(stdout).toContain('effective context length: 1024 tokens');

    const runs = openSqliteRunStore({ path: store });
    const run = runs.listRuns()[0];
    // parity show prints the same length × depth table and effective length.
    const shown = captureIo({ cwd: directory });
    expect(await main(['show', run?.runId ?? '', '--store', store], shown), shown.output.stderr).toBe(0);
    expect(shown.output.stdout).toMatch(/^2048 +0\.0% +0\.0% +0\.0% +0\.0% +12 +\d+$/m);
    expect(shown.output.stdout).toContain('effective context length: 1024 tokens');
    // Only the lengths run are stored (8192 was refused), so parity resume never sends it.
    expect(run?.config.synthetic).toEqual({
      lengths: [1024, 2048, 4096],
      depths: [0, 50, 100],
      samples: 1,
    });
    runs.close();
  });

  it('parity score longctx regenerates the items from the seed and the ids, and --threshold moves the effective length', async () => {
    const samples = join(directory, 'samples.jsonl');
    const lines = [];
    for (const task of ['niah_single', 'niah_multikey', 'niah_multivalue', 'vt'])
      for (const length of [1024, 2048])
        lines.push({ id: `${task}/${length}/d50/0`, completion: length === 1024 ? 'wrong' : 'wrong too' });
    writeFileSync(samples, lines.map((line) => JSON.stringify(line)).join('\n'));
    const io = captureIo({ cwd: directory });
    expect(
      await main(['score', 'longctx', '--samples', samples, '--threshold', '0.5'], io),
      io.output.stderr,
    ).toBe(0);
    expect(io.output.stdout).toContain(
      'effective context length: none (accuracy at 1024 tokens is not above 50.0%)',
    );

    // Gold answers read from the regenerated prompts score 100%: the same seed gives the same items.
    const gold = join(directory, 'gold.jsonl');
    const eval1 = captureIo({ cwd: directory });
    await main(
      [
        'eval',
        '--model',
        'openai:test-model',
        '--base-url',
        server.url,
        '--bench',
        'longctx',
        '--lengths',
        '1k',
        '--depths',
        '50',
        '--items-per-cell',
        '1',
        '--store',
        join(directory, 'gold.db'),
      ],
      eval1,
    );
    const goldRuns = openSqliteRunStore({ path: join(directory, 'gold.db') });
    const stored = goldRuns.getRun(goldRuns.listRuns()[0]?.runId ?? '');
    goldRuns.close();
    writeFileSync(
      gold,
      (stored?.items ?? [])
        .map((item) => JSON.stringify({ id: item.itemId, completion: item.response?.text ?? '' }))
        .join('\n'),
    );
    const scored = captureIo({ cwd: directory });
    expect(await main(['score', 'longctx', '--samples', gold, '--json'], scored), scored.output.stderr).toBe(
      0,
    );
    const json = JSON.parse(scored.output.stdout) as { n: number; longctx: { effectiveLength: number } };
    expect(json.n).toBe(4);
    expect(json.longctx.effectiveLength).toBe(1024);
    // parity import scores the same file against the regenerated items and stores it as a run.
    const imported = captureIo({ cwd: directory });
    const importStore = join(directory, 'imported.db');
    expect(
      await main(['import', '--bench', 'longctx', '--samples', gold, '--store', importStore], imported),
      imported.output.stderr,
    ).toBe(0);
    const importedRuns = openSqliteRunStore({ path: importStore });
    const importedRun = importedRuns.getRun(importedRuns.listRuns()[0]?.runId ?? '');
    importedRuns.close();
    expect(importedRun?.items.map((item) => item.scores.accuracy)).toEqual([1, 1, 1, 1]);
    // Another seed gives other needles: the same replies no longer score.
    const otherSeed = captureIo({ cwd: directory });
    expect(await main(['score', 'longctx', '--samples', gold, '--item-seed', '7', '--json'], otherSeed)).toBe(
      0,
    );
    expect(
      (JSON.parse(otherSeed.output.stdout) as { longctx: { effectiveLength: number | null } }).longctx
        .effectiveLength,
    ).toBeNull();
  });
  it('--calibrate sizes haystacks by the characters per token the server counts', async () => {
    serverCharsPerToken = 3;
    const before = server.requests.length;
    const io = captureIo({ cwd: directory });
    const store = join(directory, 'calibrated.db');
    const code = await main(
      [
        'eval',
        '--model',
        'openai:test-model',
        '--base-url',
        server.url,
        '--bench',
        'longctx',
        '--lengths',
        '1k',
        '--depths',
        '50',
        '--items-per-cell',
        '1',
        '--calibrate',
        '--store',
        store,
      ],
      io,
    );
    serverCharsPerToken = 4;
    expect(code, io.output.stderr).toBe(0);
    expect(io.output.stderr).toMatch(
      /longctx: calibrated 3\.\d+ characters per token \(\d+ characters = \d+ prompt tokens as the server counts them\)/,
    );
    const sent = server.requests.slice(before + 1);
    expect(sent).toHaveLength(4);
    for (const request of sent) {
      const length = request.messages.map((message) => message.content).join('\n').length;
      expect(length).toBeLessThanOrEqual((1024 - 30) * 3.2);
      expect(length).toBeGreaterThan((1024 - 128) * 3 - 200);
    }
    const runs = openSqliteRunStore({ path: store });
    expect(runs.listRuns()[0]?.config.synthetic?.charsPerToken).toBeCloseTo(3, 0);
    runs.close();
  });
});

describe('parity eval --bench longctx against parity serve on the tiny GGUF', () => {
  let directory: string;
  let serve: ReturnType<typeof startCli>;
  let url: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-longctx-serve-'));
    await writeTinyGguf(join(directory, 'tiny.gguf'), { contextLength: 4096 });
    serve = startCli(['serve', '--model', `local:${join(directory, 'tiny.gguf')}`, '--port', '0'], {
      cwd: directory,
    });
    const lines = createInterface({ input: serve.child.stdout! });
    url = await new Promise<string>((resolveUrl, reject) => {
      lines.on('line', (line) => {
        const match = /at (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolveUrl(match[1]);
      });
      void serve.done.then((result) => reject(new Error(`parity serve exited: ${result.stderr}`)));
    });
  });

  afterAll(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.done;
    rmSync(directory, { recursive: true, force: true });
  });

  it('runs every task at 256 and 512 tokens and prints the length × depth table with the server-reported prompt tokens', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        'eval',
        '--model',
        'openai:tiny',
        '--base-url',
        url,
        '--bench',
        'longctx',
        '--lengths',
        '256,512',
        '--depths',
        '0,100',
        '--items-per-cell',
        '1',
        '--store',
        join(directory, 'parity.db'),
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    expect(io.output.stdout).toMatch(/longctx +longctx\.ruler\.v1 +accuracy .* 16 /);
    expect(io.output.stdout).toMatch(/^256 +\S+% +\S+% +\S+% +8 +\d+$/m);
    expect(io.output.stdout).toMatch(/^512 +\S+% +\S+% +\S+% +8 +\d+$/m);
    expect(io.output.stdout).toMatch(/^effective context length: /m);
  }, 120_000);

  it('learns the context window parity serve loads (4096, in /v1/models max_model_len) and refuses 8k up front', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        'eval',
        '--model',
        'openai:tiny',
        '--base-url',
        url,
        '--bench',
        'longctx',
        '--lengths',
        '256,8k',
        '--depths',
        '50',
        '--items-per-cell',
        '1',
        '--store',
        join(directory, 'window.db'),
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    expect(io.output.stderr).toContain(
      'longctx: lengths 8192 refused: above the context window of 4096 tokens (GET /v1/models max_model_len (vLLM, parity serve))\n',
    );
    expect(io.output.stdout).toMatch(/^256 +/m);
    expect(io.output.stdout).not.toMatch(/^8192 +/m);
  }, 120_000);
});
