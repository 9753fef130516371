import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { writeTinyGguf } from '../../src/providers/local/tiny-gguf.ts';
import { openSqliteRunStore } from '../../src/store/sqlite-run-store.ts';
import { captureIo } from './capture-io.ts';
import { startOpenAICompatibleServer, type OpenAICompatibleServer } from './openai-compatible-server.ts';
import { postgresSkipReason, startPostgresServer } from './postgres-server.ts';
import { seedViewStore } from './seed-view-store.ts';
import { writeSyntheticMmlu } from './synthetic-datasets.ts';

/** One way to run a command that succeeds; `server`: it runs until stopped (serve, view). */
export interface CommandCase {
  readonly command: string;
  readonly args: readonly string[];
  readonly server?: boolean;
}

export interface EveryCommandFixture {
  readonly directory: string;
  readonly store: string;
  /** Arguments that make each command succeed, with nothing on stdout but what the command prints. */
  readonly cases: readonly CommandCase[];
  close(): Promise<void>;
}

const WORKLOAD = resolve(import.meta.dirname, '../../src/cli/demo-data/workload.yaml');

/**
 * A folder with everything every parity command needs to succeed offline: a seeded store, synthetic MMLU files,
 * a loopback OpenAI-compatible server (gpt-4o-mini, so that catalog prices apply), an interrupted run to resume,
 * a samples file, a tiny GGUF model and the demo's workload.
 */
export async function everyCommandFixture(): Promise<EveryCommandFixture> {
  const directory = mkdtempSync(join(tmpdir(), 'parity-every-command-'));
  const store = join(directory, 'parity.db');
  const data = join(directory, 'data');
  writeSyntheticMmlu(data, { subjects: 2, rowsPerSubject: 4 });
  const opened = openSqliteRunStore({ path: store });
  const seeded = seedViewStore(opened);
  opened.close();
  const server: OpenAICompatibleServer = await startOpenAICompatibleServer({
    models: ['gpt-4o-mini'],
    recordRequests: false,
    respond: () => ({
      text: 'The answer is (A)',
      usage: { prompt_tokens: 100_000, completion_tokens: 100, total_tokens: 100_100 },
    }),
  });
  const evalArgs = [
    ...['--model', 'openai:gpt-4o-mini', '--base-url', server.url, '--bench', 'mmlu', '--data-dir', data],
    ...['--no-download', '--store', store, '--concurrency', '1', '--yes'],
  ];
  // An interrupted run for `resume`: a spending cap below one request's cost.
  const capped = captureIo({ cwd: directory });
  await main(['eval', ...evalArgs, '--max-cost', '0.001', '--no-cache'], capped);
  const interrupted = /parity resume (\S+)'/.exec(capped.output.stderr)?.[1];
  if (!interrupted) throw new Error(`no interrupted run: ${capped.output.stderr}`);
  const samples = join(directory, 'samples.jsonl');
  const runs = openSqliteRunStore({ path: store });
  const ids = (runs.getRun(interrupted)?.items ?? []).map((item) => item.itemId);
  runs.close();
  writeFileSync(
    samples,
    ids.map((id) => JSON.stringify({ id, completion: 'The answer is (A)' })).join('\n') + '\n',
  );
  const model = join(directory, 'tiny.gguf');
  await writeTinyGguf(model, { seed: 1, contextLength: 512 });
  const at = ['--store', store];
  let initRuns = 0;
  // The team store's commands need PostgreSQL (test/support/postgres-server.ts; .ci/run installs it).
  const postgres = postgresSkipReason() === undefined ? await startPostgresServer() : undefined;
  const team = postgres?.createDatabase('every_command');
  const teamCases: CommandCase[] = team
    ? [
        { command: 'worker', args: ['--store', team, '--until-idle', '--poll', '50'] },
        { command: 'queue', args: ['--store', team] },
      ]
    : [];
  const cases: CommandCase[] = [
    ...teamCases,
    { command: 'store', args: ['copy', '--from', store, '--to', join(directory, 'copy.db')] },
    { command: 'eval', args: [...evalArgs, '--limit', '2'] },
    { command: 'resume', args: [interrupted, ...at] },
    { command: 'runs', args: at },
    { command: 'show', args: [seeded.strongRunId, ...at] },
    { command: 'label', args: [seeded.weakRunId, 'baseline', ...at] },
    { command: 'rm', args: [seeded.hostileRunId, ...at] },
    { command: 'score', args: ['mmlu', '--samples', samples, '--data-dir', data, '--no-download'] },
    {
      command: 'import',
      args: [
        '--bench',
        'mmlu',
        '--samples',
        samples,
        '--model',
        'm',
        '--data-dir',
        data,
        '--no-download',
        ...at,
      ],
    },
    { command: 'compare', args: [seeded.strongRunId, seeded.weakRunId, ...at] },
    {
      command: 'report',
      args: [seeded.strongRunId, seeded.weakRunId, '--md', join(directory, 'report.md'), ...at],
    },
    {
      command: 'plan',
      args: ['--bench', 'mmlu', '--delta', '5', '--from', `${seeded.strongRunId},${seeded.weakRunId}`, ...at],
    },
    { command: 'probe', args: ['--model', 'openai:gpt-4o-mini', '--base-url', server.url] },
    {
      command: 'bench',
      args: [
        '--model',
        'openai:gpt-4o-mini',
        '--base-url',
        server.url,
        '--concurrency',
        '1',
        '--requests',
        '2',
        ...at,
      ],
    },
    { command: 'tco', args: [WORKLOAD] },
    { command: 'recommend', args: [WORKLOAD] },
    { command: 'prices', args: ['--model', 'gpt-4o-mini'] },
    { command: 'serve', args: ['--model', `local:${model}`, '--port', '0'], server: true },
    { command: 'view', args: ['--port', '0', ...at], server: true },
    { command: 'demo', args: ['--limit', '1', '--store', join(directory, 'demo.db')] },
    {
      command: 'init',
      // A new folder each time the case runs: init never overwrites.
      get args() {
        initRuns += 1;
        return [join(directory, `project-${initRuns}`)];
      },
    },
  ];
  return {
    directory,
    store,
    cases,
    async close() {
      await server.close();
      postgres?.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
