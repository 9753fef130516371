import { addCostOptions } from '../../options/cost-options.ts';
import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { CostFlags } from '../../cost-inputs.ts';

export function registerRecommendCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  addCostOptions(
    program
      .command('recommend')
      .description(
        "recommend the cheapest model and deployment meeting the workload's constraints and quality floors",
      ),
  ).action(async (file: string, flags: CostFlags) =>
    setExitCode(await (await import('./recommend-command.ts')).recommendCommand(file, flags, io)),
  );
}
