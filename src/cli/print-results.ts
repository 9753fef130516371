import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatScoreTable } from '../report/format-score-table.ts';
import { tokenTotalsLine } from '../evaluation/run-token-usage.ts';
import type { CliIo } from './cli-io.ts';
import type { RunScores } from '../evaluation/run-summary.ts';
import { runJson, runTableRow } from '../report/run-summary-rows.ts';
import { runCostSummary } from '../analysis/run-cost-summary.ts';
import { shippedCatalogFor } from '../cost/catalog-price-for-spec.ts';
import { formatRunCost } from '../report/format-run-cost.ts';

/**
 * Prints the score table (stdout), or with `json: true` the JSON `{ "runs": [...] }` instead (the `--json` rule,
 * docs/cli.md); with a file name (the older `--json FILE`), prints the table and writes the JSON to the file.
 */
export async function printResults(
  io: CliIo,
  results: readonly RunScores[],
  json: string | boolean | undefined,
): Promise<void> {
  // Built only when asked for: the score table alone needs none of it.
  const document = () => ({ runs: results.map((result) => runJson(result, { items: false })) });
  if (json === true) {
    io.stdout(`${JSON.stringify(document(), null, 2)}\n`);
    return;
  }
  io.stdout(`${formatScoreTable(results.map(runTableRow))}\n`);
  for (const result of results) {
    io.stdout(`run ${result.run.runId}: ${result.run.config.protocol} v${result.protocol.version}\n`);
    const cost = runCostSummary({
      modelSpec: result.run.config.modelSpec,
      items: result.run.items,
      catalog: shippedCatalogFor(result.run.config.modelSpec),
    });
    if (cost) io.stdout(`  ${formatRunCost(cost)}\n`);
    else {
      // No list price: the token totals still say what the run used.
      const totals = tokenTotalsLine(result.run.items);
      if (totals) io.stdout(`  ${totals}; no price for ${result.run.config.modelSpec} in the catalog\n`);
    }
  }
  if (typeof json === 'string') {
    await writeFile(resolve(io.cwd, json), `${JSON.stringify(document(), null, 2)}\n`);
  }
}
