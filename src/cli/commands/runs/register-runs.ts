import { Option, type Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { storeOption } from '../../options/store-option.ts';
import type { RunsFlags } from './runs-command.ts';
import type { RunStatus } from '../../../spec/index.ts';

const statuses: readonly RunStatus[] = ['running', 'interrupted', 'completed', 'failed'];

export function registerRunsCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('runs')
    .description('list stored runs, newest first (filters combine)')
    .option('--benchmark <id>', 'only runs of this benchmark')
    .option('--model <text>', 'only runs whose model spec contains this text')
    .addOption(new Option('--status <status>', 'only runs with this status').choices(statuses))
    .option('--label <text>', "only runs with this label (see 'parity label')")
    .addOption(storeOption())
    .option('--json', 'print JSON (docs/cli.md)')
    .action(async (flags: RunsFlags) =>
      setExitCode(await (await import('./runs-command.ts')).runsCommand(flags, io)),
    );
}
