import type { Estimate, Protocol } from '../spec/index.ts';
import { summarizeScores, type ScoredItem, type ScoreSummary } from './summarize-scores.ts';
import { scoredUnitsOf } from './protocol-kind.ts';

const noInterval: readonly [number, number] = [Number.NaN, Number.NaN];

function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/**
 * Run-level figures of a protocol with `scoredUnits` (MT-Bench): the protocol's metrics over the units of every
 * item (one per judged turn), so means are over judged turns as FastChat's `show_result.py` computes them, with
 * units whose value is null (unparsed) left out and counted in `unscored`; the units of one item (the two turns of
 * a question) form one cluster of the cluster-robust interval. Added figures, without intervals:
 * - `unparsed`: the sum of the units' `unparsed` scores (judgments without a rating);
 * - with several judge repeats (`rating_repeat<k>` unit scores), `judge_sd`: the sample standard deviation, over
 *   the K repeats, of the overall score each repeat alone gives (n = K), and `judge_sd_turn`: the mean over
 *   turns of the standard deviation of that turn's K ratings (n = turns with ≥ 2 parsed ratings).
 */
export function scoredUnitsSummary(items: readonly ScoredItem[], protocol: Protocol): ScoreSummary {
  const expand = scoredUnitsOf(protocol);
  if (!expand) return summarizeScores(items, protocol.metrics);
  const units = items.flatMap((item) =>
    expand(item.scores).map((scores, index) => ({
      // Stryker disable next-line StringLiteral,ArithmeticOperator: a unit's id is read only as its default cluster, and the cluster is always set below
      itemId: `${item.itemId}/${index + 1}`,
      // The turns of one question share its answers and judge context: one cluster.
      cluster: item.cluster ?? item.itemId,
      ...(item.group === undefined ? {} : { group: item.group }),
      scores,
    })),
  );
  const metricKeys = new Set(
    // Stryker disable next-line StringLiteral: the placeholder for a metric without denominator only has to match no score key; any such string does
    protocol.metrics.flatMap((metric) => [metric.itemScore, metric.denominator ?? '']),
  );
  const projected = units.map((unit) => ({
    ...unit,
    scores: Object.fromEntries(Object.entries(unit.scores).filter(([key]) => metricKeys.has(key))),
  }));
  const summary = summarizeScores(projected, protocol.metrics);
  const extra: Record<string, Estimate> = {
    unparsed: {
      value: units.reduce((sum, unit) => sum + (unit.scores.unparsed ?? 0), 0),
      ci95: noInterval,
      n: units.length,
      method: 'count',
    },
  };
  let repeats = 0;
  while (units.some((unit) => `rating_repeat${repeats + 1}` in unit.scores)) repeats += 1;
  if (repeats >= 2) {
    const perRepeat: number[] = [];
    for (let repeat = 1; repeat <= repeats; repeat += 1) {
      const values = units
        .map((unit) => unit.scores[`rating_repeat${repeat}`])
        .filter((value): value is number => typeof value === 'number');
      if (values.length > 0) perRepeat.push(values.reduce((sum, value) => sum + value, 0) / values.length);
    }
    extra.judge_sd = {
      value: sampleStandardDeviation(perRepeat),
      ci95: noInterval,
      n: perRepeat.length,
      method: 'sd-over-repeats',
    };
    const withinTurn = units
      .map((unit) =>
        sampleStandardDeviation(
          Object.entries(unit.scores)
            .filter(([key, value]) => key.startsWith('rating_repeat') && typeof value === 'number')
            .map(([, value]) => value as number),
        ),
      )
      .filter((value) => Number.isFinite(value));
    extra.judge_sd_turn = {
      value:
        withinTurn.length === 0
          ? Number.NaN
          : withinTurn.reduce((sum, value) => sum + value, 0) / withinTurn.length,
      ci95: noInterval,
      n: withinTurn.length,
      method: 'mean-sd-within-turn',
    };
  }
  return { ...summary, metrics: { ...summary.metrics, ...extra } };
}
