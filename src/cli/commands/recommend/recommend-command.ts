import { analyseRecommendation } from '../../../analysis/recommend/recommendation.ts';
import { recommendReportJson } from '../../../report/recommend/recommend-json.ts';
import { formatRecommendReport } from '../../../report/recommend/recommend-text.ts';
import type { CliIo } from '../../cli-io.ts';
import { tcoCandidates, type CostFlags } from '../../cost-inputs.ts';
import { loadMeasuredRuns } from './recommend-runs.ts';

/** `parity recommend <workload.yaml>`: the cheapest candidate meeting every constraint and quality floor. */
export async function recommendCommand(file: string, flags: CostFlags, io: CliIo): Promise<number> {
  const { workload, candidates, measured } = await tcoCandidates(io, file, flags);
  const runs = loadMeasuredRuns({
    io,
    ...(flags.store === undefined ? {} : { store: flags.store }),
    scores: measured.scores,
  });
  const analysis = analyseRecommendation({ candidates, workload, runs });
  if (flags.json) {
    const json = recommendReportJson({
      workloadName: workload.name,
      workloadFile: file,
      candidates,
      analysis,
    });
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  io.stdout(formatRecommendReport({ workloadName: workload.name, analysis }));
  return 0;
}
