import { recommend } from '../../../cost/recommend.ts';
import { formatQualityComparisons, formatRoutingCurves } from '../../../report/format-recommend-extras.ts';
import { formatRecommendation } from '../../../report/format-tco-table.ts';
import { compareCandidateQuality, tiedWith } from '../../../report/quality-ties.ts';
import { routingCurvesForRuns } from '../../../report/routing-curves.ts';
import { recommendJson } from '../../../report/tco-json.ts';
import type { CliIo } from '../../cli-io.ts';
import { tcoCandidates, type CostFlags } from '../../cost-inputs.ts';
import { loadMeasuredRuns } from './recommend-runs.ts';

/** `parity recommend <workload.yaml>`: the cheapest candidate meeting every constraint and quality floor. */
export async function recommendCommand(file: string, flags: CostFlags, io: CliIo): Promise<number> {
  const { workload, candidates, measured } = await tcoCandidates(io, file, flags);
  const recommendation = recommend({ candidates, workload });
  const measuredRuns = loadMeasuredRuns({
    io,
    ...(flags.store === undefined ? {} : { store: flags.store }),
    scores: measured.scores,
  });
  const ties = compareCandidateQuality({ candidates: recommendation.ranked, runs: measuredRuns.byRunId });
  const routing = routingCurvesForRuns({
    runs: measuredRuns.modelRuns,
    candidates,
    ranked: recommendation.ranked,
    workload,
  });
  if (flags.json) {
    const json = recommendJson({
      workloadName: workload.name,
      workloadFile: file,
      candidates,
      recommendation,
      ties,
      routing,
    });
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const table = formatRecommendation(recommendation, { tiedWith: (model) => tiedWith(ties, model) });
  io.stdout(`${workload.name}\n\n${table}\n`);
  if (ties.comparisons.length > 0) io.stdout(`\n${formatQualityComparisons(ties)}\n`);
  const curves = formatRoutingCurves(routing);
  if (curves) io.stdout(`\n${curves}\n`);
  io.stdout(
    "\nQuality: measured = a --runs eval run (95% interval); published = the catalog (protocol named, may differ from parity's).\n",
  );
  return 0;
}
