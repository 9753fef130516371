import { pairwiseWinRate } from '../stats/pairwise-win-rate.ts';
import type { ItemOutcome, PairwiseRunConfig } from '../spec/index.ts';

export type PairwiseVerdict = 'a_better' | 'b_better' | 'no_significant_difference';

/** What a judgment run found, counted from its stored items. */
export interface PairwiseSummary {
  /** Items whose two judgments both gave a verdict. */
  readonly judged: number;
  readonly wins: number;
  readonly losses: number;
  /** Ties, the inconsistent pairs included. */
  readonly ties: number;
  /** Pairs whose two orders disagreed (counted in `ties`). */
  readonly inconsistent: number;
  /** Judgments without [[A]], [[B]] or [[C]] (refusals, other formats): their items are left out. */
  readonly unparseable: number;
  /** Items whose judge request failed for good (HTTP errors after the retries): left out. */
  readonly failed: number;
  readonly winRate: number;
  readonly ci95: [number, number];
  readonly pValue: number;
  readonly level: number;
  readonly verdict: PairwiseVerdict;
}

/** Counts a judgment run's items (scores from pair-outcome.ts) and tests A's win rate against ½. */
export function summarizePairwise(
  items: readonly Pick<ItemOutcome, 'status' | 'scores'>[],
  options: { level: number },
): PairwiseSummary {
  let wins = 0;
  let losses = 0;
  let ties = 0;
  let inconsistent = 0;
  let unparseable = 0;
  let failed = 0;
  for (const item of items) {
    const win = item.scores.win_a;
    if (item.status !== 'ok') failed += 1;
    else if (win === null || win === undefined) unparseable += 1;
    else if (win === 1) wins += 1;
    else if (win === 0) losses += 1;
    else {
      ties += 1;
      if (item.scores.inconsistent === 1) inconsistent += 1;
    }
  }
  const result = pairwiseWinRate({ wins, losses, ties });
  const verdict: PairwiseVerdict =
    result.pValue < options.level && wins !== losses
      ? wins > losses
        ? 'a_better'
        : 'b_better'
      : 'no_significant_difference';
  return {
    judged: result.n,
    wins,
    losses,
    ties,
    inconsistent,
    unparseable,
    failed,
    winRate: result.winRate,
    ci95: result.interval,
    pValue: result.pValue,
    level: options.level,
    verdict,
  };
}

/** The two compared runs as printed and in `--json`. */
export interface PairwiseSides {
  readonly judgmentRunId: string;
  readonly judge: string;
  readonly config: PairwiseRunConfig;
  readonly a: { readonly runId: string; readonly model: string };
  readonly b: { readonly runId: string; readonly model: string };
  /** Items both runs answered (the judged items and those left out). */
  readonly paired: number;
}

const round = (value: number): number => Number(value.toFixed(6));

/** `parity compare --judge --json`: the `pairwise` object (docs/cli.md). */
export function pairwiseJson(sides: PairwiseSides, summary: PairwiseSummary): Record<string, unknown> {
  return {
    judgment_run_id: sides.judgmentRunId,
    judge: sides.judge,
    prompt: sides.config.prompt,
    ...(sides.config.rubric === undefined ? {} : { rubric: sides.config.rubric }),
    benchmark: sides.config.benchmark,
    protocol: sides.config.protocol,
    a: { run_id: sides.a.runId, model: sides.a.model },
    b: { run_id: sides.b.runId, model: sides.b.model },
    n_paired: sides.paired,
    n_judged: summary.judged,
    a_wins: summary.wins,
    b_wins: summary.losses,
    ties: summary.ties,
    inconsistent: summary.inconsistent,
    errors: { unparseable: summary.unparseable, failed: summary.failed },
    win_rate_a: { value: round(summary.winRate), ci95: summary.ci95.map(round) },
    tie_rate: summary.judged > 0 ? round(summary.ties / summary.judged) : null,
    test: { name: 'mcnemar_exact', p_value: summary.pValue },
    level: summary.level,
    verdict: summary.verdict,
  };
}

const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;

/** The human-readable lines of `parity compare --judge`. */
export function formatPairwise(sides: PairwiseSides, summary: PairwiseSummary): string {
  const { judged } = summary;
  const verdictText = {
    a_better: `A is better (A's answers are preferred more often than B's, p < ${summary.level})`,
    b_better: `B is better (B's answers are preferred more often than A's, p < ${summary.level})`,
    no_significant_difference: `no significant difference at level ${summary.level}`,
  }[summary.verdict];
  return [
    `pairwise judging by ${sides.judge} (prompt ${sides.config.prompt}${sides.config.rubric === undefined ? '' : ' with a rubric'}, both orders), ${sides.config.benchmark} ${sides.config.protocol}`,
    `  A ${sides.a.runId} (${sides.a.model})`,
    `  B ${sides.b.runId} (${sides.b.model})`,
    `items both runs answered: ${sides.paired}; judged: ${judged}; left out: ${summary.unparseable} without a verdict (refusal or unparseable), ${summary.failed} failed judge requests`,
    `A wins ${summary.wins}, B wins ${summary.losses}, ties ${summary.ties} (${judged > 0 ? percent(summary.ties / judged) : '-'}; ${summary.inconsistent} of them inconsistent across the two orders)`,
    `A's win rate ${percent(summary.winRate)}  95% CI [${percent(summary.ci95[0])}, ${percent(summary.ci95[1])}]  exact McNemar (sign test) p = ${summary.pValue.toPrecision(3)}`,
    `verdict: ${verdictText}`,
    `judgments stored as run ${sides.judgmentRunId} (parity show ${sides.judgmentRunId} --items, parity view)`,
  ].join('\n');
}
