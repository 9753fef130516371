import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticGsm8k, writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('bad input: one clear line on stderr, exit code 2, nothing stored is lost', () => {
  let directory: string;
  let dataDir: string;
  let store: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-bad-input-'));
    dataDir = join(directory, 'data');
    store = join(directory, 'store.db');
    writeSyntheticMmlu(dataDir, { subjects: 2, rowsPerSubject: 3 });
    writeSyntheticGsm8k(dataDir, { rows: 3 });
    server = await startOpenAICompatibleServer({ respond: () => ({ text: 'The best answer is A.' }) });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function run(argv: string[], env: Record<string, string> = {}) {
    const io = captureIo({ cwd: directory, env });
    const code = await main(argv, io);
    const lines = io.output.stderr.trim().split('\n');
    return { code, stdout: io.output.stdout, stderr: io.output.stderr, lastLine: lines.at(-1) ?? '', lines };
  }

  const evalArgs = (...extra: string[]): string[] => [
    'eval',
    '--bench',
    'mmlu',
    '--data-dir',
    dataDir,
    '--store',
    store,
    ...extra,
  ];

  it('stores a first run that later failures must not lose', async () => {
    const first = await run(evalArgs('--model', 'openai:m', '--base-url', server.url));
    expect(first.code).toBe(0);
  });

  it('rejects an unknown flag', async () => {
    const result = await run(evalArgs('--model', 'openai:m', '--bogus'));
    expect(result).toMatchObject({ code: 2, lines: [expect.stringContaining("unknown option '--bogus'")] });
  });

  it('rejects an unknown benchmark and lists the known ones', async () => {
    const result = await run(['eval', '--model', 'openai:m', '--bench', 'nope', '--store', store]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringMatching(/^parity: unknown benchmark "nope".*mmlu.*gsm8k/)]);
  });

  it("names the new id of a renamed protocol (arc.challenge is parity's own, now arc.parity.cot.0shot)", async () => {
    const result = await run([
      ...['eval', '--model', 'openai:m', '--bench', 'arc', '--protocol', 'arc.challenge'],
      ...['--data-dir', dataDir, '--store', store],
    ]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([
      "parity: --protocol: 'arc.challenge' was renamed arc.parity.cot.0shot; pass --protocol arc.parity.cot.0shot",
    ]);
  });

  it('rejects a bad number naming the flag', async () => {
    const result = await run(evalArgs('--model', 'openai:m', '--concurrency', 'many'));
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringMatching(/^parity: --concurrency: .*'many'/)]);
  });

  it('says which key is missing for OpenAI', async () => {
    const result = await run(evalArgs('--model', 'openai:gpt-4o'));
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringContaining('OPENAI_API_KEY')]);
  });

  it('stops at once on an unreachable endpoint and keeps the run resumable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await run(evalArgs('--model', 'openai:m', '--base-url', url, '--retries', '0'));
    expect(result.code).toBe(2);
    expect(result.lastLine).toMatch(
      /^parity: openai endpoint http:\/\/127\.0\.0\.1:\d+\/v1 failed: .*parity resume /,
    );
  });

  it('names the file and line of a malformed dataset row', async () => {
    const badData = join(directory, 'bad-data');
    writeSyntheticMmlu(badData, { subjects: 1, rowsPerSubject: 3 });
    writeFileSync(join(badData, 'mmlu/data/test/subject_a_test.csv'), 'q,A,B,C,D,A\nonly,three,fields\n');
    const result = await run([
      'eval',
      '--model',
      'openai:m',
      '--bench',
      'mmlu',
      '--data-dir',
      badData,
      '--store',
      store,
    ]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringMatching(/subject_a_test\.csv:2/)]);
  });

  it('names the file and line of a malformed samples line', async () => {
    const samples = join(directory, 'samples.jsonl');
    writeFileSync(samples, '{"id": "0", "completion": "The answer is 1."}\n{"id": "1", "completion": \n');
    const result = await run(['score', 'gsm8k', '--samples', samples, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringMatching(/samples\.jsonl:2/)]);
  });

  it('names the line of an unknown item id in a samples file', async () => {
    const samples = join(directory, 'unknown-id.jsonl');
    writeFileSync(samples, '{"id": "0", "completion": "1"}\n{"id": "999", "completion": "1"}\n');
    const result = await run(['score', 'gsm8k', '--samples', samples, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringMatching(/unknown-id\.jsonl:2: unknown gsm8k item id '999'/)]);
  });

  it('refuses an empty dataset file instead of dropping its subject', async () => {
    const emptySubject = join(directory, 'empty-subject');
    writeSyntheticMmlu(emptySubject, { subjects: 2, rowsPerSubject: 3 });
    const emptyFile = join(emptySubject, 'mmlu/data/test/subject_b_test.csv');
    writeFileSync(emptyFile, '');
    const result = await run([
      'eval',
      '--model',
      'openai:m',
      '--base-url',
      server.url,
      '--bench',
      'mmlu',
      '--data-dir',
      emptySubject,
      '--store',
      store,
    ]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([`parity: ${emptyFile}: the file is empty (no CSV rows)`]);
  });

  it('refuses an empty samples file instead of printing an empty table', async () => {
    const samples = join(directory, 'empty.jsonl');
    writeFileSync(samples, '\n');
    const result = await run(['score', 'gsm8k', '--samples', samples, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.lines).toEqual([`parity: ${samples}: the file is empty (no JSON lines)`]);
  });

  it('reports an unknown id in a code samples file before any program runs', async () => {
    const problems = join(directory, 'problems.jsonl');
    writeFileSync(
      problems,
      `${JSON.stringify({
        task_id: 'HumanEval/0',
        prompt: 'def one():\n',
        canonical_solution: '    return 1\n',
        test: 'def check(candidate):\n    assert candidate() == 1\n',
        entry_point: 'one',
      })}\n`,
    );
    const marker = join(directory, 'program-ran');
    const samples = join(directory, 'code-samples.jsonl');
    writeFileSync(
      samples,
      [
        {
          id: 'HumanEval/0',
          completion: `    open(${JSON.stringify(marker)}, 'w').write('ran')\n    return 1\n`,
        },
        { id: 'HumanEval/999', completion: '    return 1\n' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const result = await run([
      'score',
      'humaneval',
      '--samples',
      samples,
      '--problem-file',
      problems,
      '--unsafe-no-sandbox',
    ]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([
      expect.stringMatching(/code-samples\.jsonl:2: unknown humaneval item id 'HumanEval\/999'/),
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('names the file of a YAML alias that contains itself instead of overflowing the stack', async () => {
    const workload = join(directory, 'self-alias.yaml');
    writeFileSync(workload, 'workload: &loop\n  nested: *loop\n');
    const result = await run(['tco', workload]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([
      `parity: ${workload}: a YAML alias refers to a node that contains it (the value would be infinite)`,
    ]);
  });

  it('keeps a secret in the base URL query string out of the store, the output and errors', async () => {
    const secret = 'sk-secret-in-the-url-1234';
    const secretStore = join(directory, 'secret-url.db');
    const result = await run([
      ...['eval', '--model', 'openai:m', '--bench', 'mmlu', '--data-dir', dataDir],
      ...[
        '--store',
        secretStore,
        '--retries',
        '0',
        '--base-url',
        `${server.url}?api-version=1&api_key=${secret}`,
      ],
    ]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
    for (const file of [secretStore, `${secretStore}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(secret)).toBe(false);
    }
    const runs = await run(['runs', '--store', secretStore, '--json']);
    expect(runs.stdout).not.toContain(secret);
    const shown = await run(['show', JSON.parse(runs.stdout)[0].run_id, '--store', secretStore, '--json']);
    expect(shown.stdout).not.toContain(secret);
    const opened = openSqliteRunStore({ path: secretStore });
    try {
      expect(opened.listRuns()[0]?.config.model.endpoint).toBe(`${server.url}?api-version=1&api_key=***`);
    } finally {
      opened.close();
    }
  });

  it('rejects an unknown run id', async () => {
    const result = await run(['resume', 'no-such-run', '--store', store]);
    expect(result.code).toBe(2);
    expect(result.lines).toEqual([expect.stringContaining("no run 'no-such-run'")]);
  });

  it('lost nothing: the first run is still there, complete, next to the failed one', async () => {
    const result = await run(['runs', '--json', '--store', store]);
    const runs = JSON.parse(result.stdout) as { status: string; n_done: number; n_total: number }[];
    expect(runs.map((entry) => entry.status).sort()).toEqual(['completed', 'failed']);
    expect(runs.find((entry) => entry.status === 'completed')).toMatchObject({ n_done: 6, n_total: 6 });
  });
});
