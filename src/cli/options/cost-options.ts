import type { Command } from 'commander';
import { storeOption } from './store-option.ts';

/** Options shared by `parity tco` and `parity recommend`. */
export function addCostOptions(command: Command): Command {
  return command
    .argument('<workload.yaml>', 'workload file (docs/cost.md; examples in examples/workloads/)')
    .option(
      '--runs <ids...>',
      'stored runs to use: eval runs give measured quality, bench runs measured throughput',
    )
    .option(
      '--prices <file-or-url>',
      "override catalog prices with litellm's or OpenRouter's price list (JSON)",
    )
    .option(
      '--bench-gpu <type>',
      "GPU type the --runs bench runs ran on (default: the workload's first gpu_types)",
    )
    .addOption(storeOption('SQLite run store for --runs (env PARITY_STORE)'))
    .option('--json', 'print JSON (docs/cli.md)');
}
