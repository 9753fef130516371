import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';

const demoData = resolve(import.meta.dirname, '../src/cli/demo-data');

/** Capitals, right except for Canada (the includes grader fails it). */
function reply(user: string): string {
  const capitals: Record<string, string> = {
    France: 'Paris',
    Japan: 'Tokyo',
    Kenya: 'Nairobi',
    Canada: 'Toronto',
    Australia: 'Canberra',
  };
  const country = /capital of (\w+)\?/.exec(user)?.[1] ?? '';
  return capitals[country] ?? 'The answer is 42.';
}

describe('parity init, then parity eval with no flags, in an empty folder', () => {
  const folders: string[] = [];
  let server: OpenAICompatibleServer;
  const newFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'parity-project-'));
    folders.push(folder);
    return folder;
  };

  beforeAll(async () => {
    server = await startOpenAICompatibleServer({
      respond: ({ body }) => ({ text: reply(body.messages.at(-1)?.content ?? '') }),
    });
  });
  afterAll(async () => {
    await server.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const run = async (folder: string, argv: string[], env: Record<string, string> = {}) => {
    const io = captureIo({ cwd: folder, env });
    const code = await main(argv, io);
    return { code, ...io.output };
  };

  it('init writes the starter; eval runs it end to end against a loopback server and stores the run', async () => {
    const folder = newFolder();
    const init = await run(folder, ['init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote parity.yaml\nwrote tasks/example.yaml\nwrote tasks/example.jsonl\n');
    for (const file of ['parity.yaml', 'tasks/example.yaml', 'tasks/example.jsonl']) {
      expect(existsSync(join(folder, file))).toBe(true);
    }
    // The base URL comes from the environment, as the starter file's comment says (OPENAI_BASE_URL).
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-not-a-real-key' };
    const evaluated = await run(folder, ['eval', '--json'], env);
    expect(evaluated.stderr).not.toContain('parity:');
    expect(evaluated.code).toBe(0);
    const json = JSON.parse(evaluated.stdout) as {
      runs: {
        run_id: string;
        model: string;
        benchmark: string;
        n: number;
        metrics: Record<string, { value: number }>;
      }[];
    };
    expect(json.runs).toHaveLength(1);
    expect(json.runs[0]).toMatchObject({ model: 'openai:gpt-4o-mini', benchmark: 'task:capitals', n: 5 });
    expect(json.runs[0]?.metrics.score?.value).toBeCloseTo(4 / 5);
    expect(json.runs[0]?.metrics['pass_rate.capital']?.value).toBeCloseTo(4 / 5);
    // Stored in the default store of the folder, with every item's grader result.
    const store = openSqliteRunStore({ path: join(folder, '.parity', 'parity.db') });
    try {
      const stored = store.getRun(json.runs[0]?.run_id ?? '');
      expect(stored?.status).toBe('completed');
      expect(stored?.config.concurrency).toBe(4); // from the file's defaults
      expect(stored?.items.find((item) => item.itemId === 'ca')?.scores).toEqual({
        score: 0,
        'grader.capital': 0,
        'pass.capital': 0,
      });
    } finally {
      store.close();
    }
    // Flags win over the file: --limit 2 and --concurrency 1 (a new run of the first two items, from the cache).
    const requests = server.requests.length;
    const limited = await run(folder, ['eval', '--limit', '2', '--concurrency', '1', '--json'], env);
    expect(limited.code).toBe(0);
    const limitedRun = (JSON.parse(limited.stdout) as { runs: { run_id: string; n: number }[] }).runs[0];
    expect(limitedRun?.n).toBe(2);
    expect(server.requests.length).toBe(requests);
    const reopened = openSqliteRunStore({ path: join(folder, '.parity', 'parity.db') });
    try {
      expect(reopened.getRun(limitedRun?.run_id ?? '')?.config.concurrency).toBe(1);
      expect(reopened.listRuns()).toHaveLength(2);
    } finally {
      reopened.close();
    }
  });

  it('init refuses to overwrite: exit 2, one line, nothing changed', async () => {
    const folder = newFolder();
    writeFileSync(join(folder, 'parity.yaml'), '# mine\n');
    const again = await run(folder, ['init']);
    expect(again).toEqual({
      code: 2,
      stdout: '',
      stderr: `parity: ${join(folder, 'parity.yaml')}: already exists; parity init never overwrites (remove it or edit it)\n`,
    });
    expect(readFileSync(join(folder, 'parity.yaml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(join(folder, 'tasks'))).toBe(false);
  });

  it('several models with their own base URLs and keys, tasks and benchmarks: every pair is one run', async () => {
    const folder = newFolder();
    expect((await run(folder, ['init'])).code).toBe(0);
    writeFileSync(
      join(folder, 'parity.yaml'),
      [
        'models:',
        '  - spec: openai:first',
        '    base_url: ${PARITY_TEST_URL}',
        '    api_key_env: FIRST_KEY',
        '  - spec: vllm:second',
        '    base_url: ${PARITY_TEST_URL}',
        'tasks: [tasks/example.yaml]',
        'benchmarks: [gsm8k]',
        'defaults:',
        '  limit: 2',
        `  data_dir: ${demoData}`,
        '  store: results/runs.db',
        '',
      ].join('\n'),
    );
    const env = { PARITY_TEST_URL: server.url, FIRST_KEY: 'sk-first' };
    const result = await run(folder, ['eval', '--json'], env);
    expect(result.stderr).not.toContain('parity:');
    expect(result.code).toBe(0);
    const runs = (JSON.parse(result.stdout) as { runs: { model: string; benchmark: string; n: number }[] })
      .runs;
    expect(runs.map((entry) => `${entry.model} ${entry.benchmark} ${entry.n}`).sort()).toEqual([
      'openai:first gsm8k 2',
      'openai:first task:capitals 2',
      'vllm:second gsm8k 2',
      'vllm:second task:capitals 2',
    ]);
    expect(existsSync(join(folder, 'results', 'runs.db'))).toBe(true);
    // Both models were asked, each at its own name on the URL from the environment.
    const asked = server.requests.map((body) => body.model);
    expect(asked.filter((model) => model === 'first').length).toBeGreaterThanOrEqual(4);
    expect(asked.filter((model) => model === 'second').length).toBeGreaterThanOrEqual(4);

    // A key variable that is not set: one line naming the file and the model.
    const unset = await run(folder, ['eval'], { PARITY_TEST_URL: server.url });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toBe(
      `parity: ${join(folder, 'parity.yaml')}: openai:first: api_key_env FIRST_KEY is not set\n`,
    );
    // An unset base URL variable names the line.
    const noUrl = await run(folder, ['eval'], { FIRST_KEY: 'k' });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toBe(
      `parity: ${join(folder, 'parity.yaml')}:3: models[0].base_url: environment variable PARITY_TEST_URL is not set\n`,
    );
  });

  it('a bad project file: one line naming the file, line and field, exit 2; no file: a hint', async () => {
    const folder = newFolder();
    writeFileSync(
      join(folder, 'parity.yaml'),
      'models:\n  - spec: openai:x\n    bse_url: http://x\ntasks: [a.yaml]\n',
    );
    const typo = await run(folder, ['eval']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      new RegExp(`^parity: ${join(folder, 'parity.yaml')}:2: models\\[0\\]: .*bse_url.*\\n$`),
    );
    writeFileSync(
      join(folder, 'parity.yaml'),
      'models:\n  - spec: openai:x\ndefaults:\n  limit: many\ntasks: [a.yaml]\n',
    );
    const badLimit = await run(folder, ['eval']);
    expect(badLimit.stderr).toMatch(
      new RegExp(`^parity: ${join(folder, 'parity.yaml')}:4: defaults\\.limit: `),
    );
    expect(badLimit.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(join(folder, 'parity.yaml'), 'models:\n  - spec: openai:x\n');
    const nothing = await run(folder, ['eval']);
    expect(nothing.stderr).toBe(
      `parity: ${join(folder, 'parity.yaml')}:1: tasks: list at least one task or benchmark\n`,
    );
    const empty = newFolder();
    const none = await run(empty, ['eval']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      `parity: parity eval: no parity.yaml in ${empty}: name --task or --bench with --model, or write one with 'parity init'\n`,
    );
  });
});
