import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { storeOption } from '../../options/store-option.ts';

/** Adds `parity show` to the program. */
export function registerShowCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('show')
    .description("show a stored run's scores with 95% intervals")
    .argument('<run-id>')
    .addOption(storeOption())
    .option('--json', 'print JSON (docs/cli.md)')
    .option('--items', 'include every item: extracted answer, gold answer, score, errors')
    .option('--groups', 'per-group results (MMLU subjects); shown without it for 10 groups or fewer')
    .option(
      '--cluster <unit>',
      'independent unit of the intervals of micro averages: item (samples, turns of one item clustered), or group (MMLU subject as a cluster)',
      'item',
    )
    .action(
      async (
        runId: string,
        flags: { store?: string; json?: boolean; items?: boolean; groups?: boolean; cluster?: string },
      ) => setExitCode(await (await import('./show-command.ts')).showCommand(runId, flags, io)),
    );
}
