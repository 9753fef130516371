import type { ReportData } from '../src/report/view-model.ts';
import { viewLink } from './links.ts';

/**
 * Where an HTML report opens: on its first comparison (run A and every run compared with it on the same
 * benchmark and protocol, in the report's order) when it holds one; undefined leaves the runs list.
 */
export function reportOpening(data: ReportData): string | undefined {
  const first = data.comparisons[0];
  if (!first) return undefined;
  const runIds = [first.a.runId];
  for (const comparison of data.comparisons) {
    if (comparison.a.runId === first.a.runId && !runIds.includes(comparison.b.runId))
      runIds.push(comparison.b.runId);
  }
  return viewLink('compare', { runs: runIds.join(',') });
}
