import { Option, type Command } from 'commander';
import { formatTcoTable } from '../../../report/format-tco-table.ts';
import { tcoJson } from '../../../report/tco-json.ts';
import type { CliIo } from '../../cli-io.ts';
import { tcoCandidates, type CostFlags } from '../../cost-inputs.ts';

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
    .addOption(
      new Option('--store <path>', 'SQLite run store for --runs (env PARITY_STORE)').default(
        undefined,
        './.parity/parity.db',
      ),
    )
    .option('--json', 'print JSON (docs/cli.md)');
}

/** `parity tco <workload.yaml>`: monthly cost of every candidate by API and by self-hosting, with failed constraints. */
export async function tcoCommand(file: string, flags: CostFlags, io: CliIo): Promise<number> {
  const { workload, candidates } = await tcoCandidates(io, file, flags);
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(tcoJson({ workloadName: workload.name, workloadFile: file, candidates }), null, 2)}\n`,
    );
    return 0;
  }
  io.stdout(
    `${workload.name}: total cost of ownership per month (horizon ${workload.horizonMonths} months)\n\n`,
  );
  io.stdout(`${formatTcoTable(candidates)}\n`);
  io.stdout(
    `\n$/M = spend ÷ tokens at this workload's volume (self-hosted spend split into input and output by the GPU time prefill and decode take); util = share of the replicas' full-load capacity used (planned at most ${Math.round(workload.utilization * 100)}%); $/M full load = GPU cost per million tokens if the replicas ran flat out. Throughput basis: measured > published (adjusted = moved to this workload's request sizes by the serving model) > estimate (serving model).\n`,
  );
  return 0;
}

export function registerTcoCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  addCostOptions(
    program
      .command('tco')
      .description(
        'total cost of ownership of a workload: every model by API and self-hosted, with failed constraints',
      ),
  ).action(async (file: string, flags: CostFlags) => setExitCode(await tcoCommand(file, flags, io)));
}
