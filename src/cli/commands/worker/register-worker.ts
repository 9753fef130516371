import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { WorkerFlags } from './worker-command.ts';
import { WORKER_DEFAULTS } from '../../options/defaults.ts';

export function registerWorkerCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('worker')
    .description(
      'take queued items (parity eval --queue) from the PostgreSQL store, evaluate and record them',
    )
    .option('--store <url>', 'the team store, postgres://user@host/db (env PARITY_STORE)')
    .option(
      '--concurrency <n>',
      'jobs (items one after the other) in flight in this worker',
      String(WORKER_DEFAULTS.concurrency),
    )
    .option('--until-idle', 'exit 0 once no queued item is pending or running anywhere')
    .option('--rpm <n>', 'requests per minute per endpoint, shared by every worker on the store')
    .option(
      '--expire <seconds>',
      'a job not finished within this time (crashed worker) is handed out again',
      String(WORKER_DEFAULTS.expireSeconds),
    )
    .option(
      '--grace <seconds>',
      'on SIGTERM, time for jobs in flight to finish before they are given back',
      String(WORKER_DEFAULTS.graceSeconds),
    )
    .option('--poll <ms>', 'wait between looks at an empty queue', String(WORKER_DEFAULTS.pollMs))
    .option('--no-download', 'never download datasets; fail when one is missing')
    .option('--json', 'print JSON when done: { "items", "jobs" }')
    .action(async (flags: WorkerFlags) =>
      setExitCode(await (await import('./worker-command.ts')).workerCommand(flags, io)),
    );
}
