import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { storeOption } from '../../options/store-option.ts';
import type { LabelFlags } from './label-command.ts';

export function registerLabelCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('label')
    .description("add a label to a stored run (find labelled runs with 'parity runs --label')")
    .argument('<run-id>')
    .argument('<text>', 'the label')
    .option('--remove', 'remove this label instead')
    .addOption(storeOption())
    .option('--json', 'print JSON: { "run_id", "labels": [ … ] }')
    .action(async (runId: string, text: string, flags: LabelFlags) =>
      setExitCode(await (await import('./label-command.ts')).labelCommand(runId, text, flags, io)),
    );
}
