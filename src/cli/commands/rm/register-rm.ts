import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { storeOption } from '../../options/store-option.ts';
import type { RmFlags } from './rm-command.ts';

export function registerRmCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('rm')
    .description('delete stored runs and their item records (cached responses stay)')
    .argument('<run-id...>', "runs to delete (see 'parity runs')")
    .option('--force', 'also delete a run that is still running')
    .addOption(storeOption())
    .option('--json', 'print JSON: { "deleted": [run ids] }')
    .action(async (runIds: string[], flags: RmFlags) =>
      setExitCode(await (await import('./rm-command.ts')).rmCommand(runIds, flags, io)),
    );
}
