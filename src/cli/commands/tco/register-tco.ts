import { addCostOptions } from '../../options/cost-options.ts';
import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { CostFlags } from '../../cost-inputs.ts';

export function registerTcoCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  addCostOptions(
    program
      .command('tco')
      .description(
        'total cost of ownership of a workload: every model by API and self-hosted, with failed constraints',
      ),
  ).action(async (file: string, flags: CostFlags) =>
    setExitCode(await (await import('./tco-command.ts')).tcoCommand(file, flags, io)),
  );
}
