// Distributed workers (docs/team-store.md): items/s of one `parity eval` process against 1, 2 and 4
// `parity worker`s on the same PostgreSQL store and the same local server (40 ms per answer). Skipped, with the
// reason, where the PostgreSQL server binaries are missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOpenAICompatibleServer } from '../test/support/openai-compatible-server.ts';
import { postgresSkipReason, startPostgresServer } from '../test/support/postgres-server.ts';
import { runCli } from '../test/support/run-cli.ts';
import { writeSyntheticMmlu } from '../test/support/synthetic-datasets.ts';

const rows = Number(process.env.PARITY_BENCH_QUEUE_ROWS ?? 40);
const concurrency = '4';
console.log(
  `\nqueue workers: ${3 * rows} MMLU items, ${concurrency} in flight per process, 40 ms per answer`,
);
const skip = postgresSkipReason();
if (skip !== undefined) {
  console.log(`  skipped: ${skip}`);
} else {
  const directory = mkdtempSync(join(tmpdir(), 'parity-bench-queue-'));
  const postgres = await startPostgresServer();
  const server = await startOpenAICompatibleServer({
    recordRequests: false,
    respond: () => ({ text: ' A', ttftMs: 40 }),
  });
  try {
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 3, rowsPerSubject: rows });
    const evalArgs = (store: string): string[] => [
      'eval',
      '--model',
      'openai:test-model',
      '--base-url',
      server.url,
      '--bench',
      'mmlu',
      '--data-dir',
      join(directory, 'data'),
      '--store',
      store,
      '--concurrency',
      concurrency,
      '--yes',
      '--no-cache',
    ];
    const items = 3 * rows;
    const line = (label: string, seconds: number): void =>
      console.log(
        `  ${label.padEnd(22)} ${(items / seconds).toFixed(1).padStart(7)} items/s  (${seconds.toFixed(1)} s)`,
      );

    const single = postgres.createDatabase('single');
    let started = performance.now();
    const alone = await runCli(evalArgs(single), { cwd: directory });
    if (alone.code !== 0) throw new Error(alone.stderr);
    line('one eval process', (performance.now() - started) / 1000);

    for (const workers of [1, 2, 4]) {
      const url = postgres.createDatabase(`workers_${workers}`);
      const queued = await runCli([...evalArgs(url), '--queue'], { cwd: directory });
      if (queued.code !== 0) throw new Error(queued.stderr);
      started = performance.now();
      const results = await Promise.all(
        Array.from({ length: workers }, () =>
          runCli(['worker', '--store', url, '--until-idle', '--concurrency', concurrency, '--poll', '100'], {
            cwd: directory,
          }),
        ),
      );
      const failed = results.find((result) => result.code !== 0);
      if (failed) throw new Error(failed.stderr);
      line(`${workers} worker${workers === 1 ? '' : 's'}`, (performance.now() - started) / 1000);
    }
  } finally {
    await server.close();
    postgres.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}
