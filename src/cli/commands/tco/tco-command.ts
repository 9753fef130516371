import { formatTcoTable } from '../../../report/format-tco-table.ts';
import { tcoJson } from '../../../report/tco-json.ts';
import type { CliIo } from '../../cli-io.ts';
import { tcoCandidates, type CostFlags } from '../../cost-inputs.ts';

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
