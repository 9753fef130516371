import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { QueueFlags } from './queue-command.ts';

export function registerQueueCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('queue')
    .description('show queued runs: jobs pending, running, failed and done, and items stored')
    .option('--store <url>', 'the team store, postgres://user@host/db (env PARITY_STORE)')
    .option(
      '--json',
      'print JSON: { runs: [{ runId, pending, running, completed, failed, doneItems, totalItems, status }] }',
    )
    .action(async (flags: QueueFlags) =>
      setExitCode(await (await import('./queue-command.ts')).queueCommand(flags, io)),
    );
}
