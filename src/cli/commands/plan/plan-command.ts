import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { loadProtocolItems } from '../../../benchmarks/load-protocol-items.ts';
import { getBenchmark, getProtocol } from '../../../benchmarks/registry.ts';
import { compareRuns } from '../../../analysis/compare-runs.ts';
import { openRunStore } from '../../open-run-store.ts';
import {
  independentDiscordance,
  pairedBinarySampleSize,
  pairedMeanSampleSize,
} from '../../../stats/paired-sample-size.ts';
import { sampleVariance } from '../../../stats/mean-estimate.ts';
import { mcnemarExactPower } from '../../../stats/mcnemar-exact-power.ts';
import { normalQuantile } from '../../../stats/normal-distribution.ts';
import { smallestSampleSize } from '../../../stats/smallest-sample-size.ts';
import { tangoEquivalencePower } from '../../../stats/tango-equivalence-power.ts';
import type { StoredRun, Usage } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { parseList } from '../../parse-options.ts';
import { dataDir, storePath } from '../../paths.ts';
import { tokensPerItem } from '../../run-token-usage.ts';
import { parseFraction, parseLevel } from '../../options/comparison-options.ts';
import { DEFAULT_DISCORDANCE, PLAN_DEFAULTS } from '../../options/defaults.ts';

export interface PlanFlags {
  readonly bench: string;
  readonly delta?: string;
  readonly margin?: string;
  readonly nonInferiority?: boolean;
  readonly power?: string;
  readonly level?: string;
  readonly from?: string;
  readonly discordance?: string;
  readonly model?: string;
  readonly protocol?: string;
  readonly store?: string;
  readonly dataDir?: string;
  readonly json?: boolean;
}

/**
 * Discordance assumed without earlier runs: the share of items two models disagree on. Measured: 0.231 for
 * GPT-4-1106 vs Mixtral-8x7B on MMLU; 0.26–0.41 between the four GPT-3 systems on GSM8K (docs/statistics.md).
 */

interface Assumption {
  readonly source: 'runs' | 'run-independence' | 'flag' | 'default';
  readonly description: string;
  readonly discordance?: number;
  readonly differenceSd?: number;
}

function meanPerItem(run: StoredRun, itemScore: string): number[] {
  const perItem = new Map<string, { sum: number; count: number }>();
  for (const record of run.items) {
    const value = record.status === 'ok' ? record.scores[itemScore] : undefined;
    if (value === null || value === undefined) continue;
    const entry = perItem.get(record.itemId) ?? { sum: 0, count: 0 };
    entry.sum += value;
    entry.count += 1;
    perItem.set(record.itemId, entry);
  }
  return [...perItem.values()].map((entry) => entry.sum / entry.count);
}

interface PlannedItems {
  readonly items: number;
  /** The test `parity compare` runs for this question. */
  readonly test:
    | 'mcnemar_exact'
    | 'tost_tango_score'
    | 'non_inferiority_tango_score'
    | 'paired_t'
    | 'tost_paired_t'
    | 'non_inferiority_paired_t';
  readonly powerMethod: 'exact' | 'normal_approximation';
  readonly achievedPower: number;
  /** The normal-approximation formula's items, and that test's exact power there. */
  readonly normalApproximation: number;
  readonly approximationPower: number;
}

/**
 * Items for the test `parity compare` actually runs. 0/1 scores: the smallest n whose exact power reaches
 * `power` — exact McNemar for a gap (`mcnemarExactPower`), Tango-score TOST or one-sided test for a margin
 * (`tangoEquivalencePower`) — searched from the normal-approximation formula. Graded scores: the normal
 * approximation of the paired t-test (and its TOST: n = ((z_{1−α} + z_{1−β/2})·σ_d/margin)² at δ = 0).
 */
function planItems(options: {
  assumption: Assumption;
  delta: number;
  margin: number | undefined;
  nonInferiority: boolean;
  power: number;
  level: number;
}): PlannedItems {
  const { assumption, delta, margin, power, level } = options;
  const psi = assumption.discordance;
  if (margin === undefined) {
    if (psi !== undefined) {
      const guess = pairedBinarySampleSize({ difference: delta, discordance: psi, power, level });
      const powerAt = (n: number): number =>
        mcnemarExactPower({ n, discordance: psi, difference: delta, level });
      const found = smallestSampleSize({ powerAt, target: power, guess });
      return {
        items: found?.n ?? guess,
        test: 'mcnemar_exact',
        powerMethod: 'exact',
        achievedPower: found?.power ?? powerAt(guess),
        normalApproximation: guess,
        approximationPower: powerAt(guess),
      };
    }
    const n = pairedMeanSampleSize({
      difference: delta,
      differenceSd: assumption.differenceSd ?? Number.NaN,
      power,
      level,
    });
    return {
      items: n,
      test: 'paired_t',
      powerMethod: 'normal_approximation',
      achievedPower: power,
      normalApproximation: n,
      approximationPower: power,
    };
  }
  // Equivalence (both one-sided tests at `level`) or non-inferiority (one).
  const zAlpha = normalQuantile(1 - level);
  const zPower = normalQuantile(delta === 0 && !options.nonInferiority ? 1 - (1 - power) / 2 : power);
  const variance = psi !== undefined ? psi - delta * delta : (assumption.differenceSd ?? Number.NaN) ** 2;
  const guess = Math.max(2, Math.ceil(((zAlpha + zPower) ** 2 * variance) / (margin - delta) ** 2));
  if (psi !== undefined) {
    const powerAt = (n: number): number =>
      tangoEquivalencePower({
        n,
        discordance: psi,
        difference: delta,
        margin,
        level,
        nonInferiority: options.nonInferiority,
      });
    const found = smallestSampleSize({ powerAt, target: power, guess });
    return {
      items: found?.n ?? guess,
      test: options.nonInferiority ? 'non_inferiority_tango_score' : 'tost_tango_score',
      powerMethod: 'exact',
      achievedPower: found?.power ?? powerAt(guess),
      normalApproximation: guess,
      approximationPower: powerAt(guess),
    };
  }
  return {
    items: guess,
    test: options.nonInferiority ? 'non_inferiority_paired_t' : 'tost_paired_t',
    powerMethod: 'normal_approximation',
    achievedPower: power,
    normalApproximation: guess,
    approximationPower: power,
  };
}

/** `parity plan`: items (and tokens, cost) needed to detect a gap, or show equivalence, with a paired comparison. */
export async function planCommand(flags: PlanFlags, io: CliIo): Promise<number> {
  const benchmark = getBenchmark(flags.bench);
  const level = parseLevel(flags.level, PLAN_DEFAULTS.level);
  const power = flags.power === undefined ? PLAN_DEFAULTS.power : parseFraction('--power', flags.power);
  if (power <= level || power >= 1)
    throw new InputError(`power must lie between --level and 1`, { location: '--power' });
  const fromIds = parseList(flags.from);
  if (fromIds.length > 2)
    throw new InputError('give one run, or two runs to compare', { location: '--from' });
  const path = storePath(io, flags.store);
  const runs: StoredRun[] = [];
  if (fromIds.length > 0) {
    const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
    try {
      for (const runId of fromIds) {
        const run = store.getRun(runId);
        if (!run)
          throw new InputError(`no run '${runId}' in ${path} (see 'parity runs')`, { location: '--from' });
        if (run.config.benchmark !== benchmark.id) {
          throw new InputError(`run ${runId} is a ${run.config.benchmark} run, not ${benchmark.id}`, {
            location: '--from',
          });
        }
        runs.push(run);
      }
    } finally {
      store.close();
    }
  }
  const protocol = getProtocol(benchmark, flags.protocol ?? runs[0]?.config.protocol);
  const metric = protocol.metrics[0];
  if (!metric) throw new InputError(`protocol ${protocol.id} has no metric`);
  const scale = metric.kind === 'proportion' ? 100 : 1;
  let marginPoints: number | undefined;
  if (flags.margin !== undefined) {
    marginPoints = Number(flags.margin);
    if (!Number.isFinite(marginPoints) || marginPoints <= 0) {
      throw new InputError(`expected a positive margin, got '${flags.margin}'`, { location: '--margin' });
    }
  } else if (flags.nonInferiority) {
    throw new InputError('--non-inferiority needs --margin', { location: '--non-inferiority' });
  }
  if (flags.delta === undefined && marginPoints === undefined) {
    throw new InputError('give the gap to detect (--delta), or an equivalence margin (--margin)', {
      location: '--delta',
    });
  }
  // With a margin, --delta is the true difference assumed (default 0); without, the gap to detect.
  const deltaPoints = flags.delta === undefined ? 0 : Number(flags.delta);
  if (!Number.isFinite(deltaPoints) || (marginPoints === undefined ? deltaPoints <= 0 : deltaPoints < 0)) {
    throw new InputError(`expected a positive gap, got '${flags.delta}'`, { location: '--delta' });
  }
  if (marginPoints !== undefined && deltaPoints >= marginPoints) {
    throw new InputError(
      `the true difference assumed (--delta ${deltaPoints}) must be smaller than the margin (${marginPoints}) for equivalence to be shown`,
      { location: '--delta' },
    );
  }
  const delta = deltaPoints / scale;
  const margin = marginPoints === undefined ? undefined : marginPoints / scale;

  let assumption: Assumption;
  const [runA, runB] = runs;
  if (flags.discordance !== undefined) {
    const discordance = parseFraction('--discordance', flags.discordance);
    assumption = { source: 'flag', discordance, description: `discordance ${discordance} (--discordance)` };
  } else if (runA && runB) {
    const comparison = compareRuns({ a: runA, b: runB, metric });
    const n = comparison.nPaired ?? 0;
    if (n < 2)
      throw new InputError(`runs ${runA.runId} and ${runB.runId} share fewer than 2 scored items`, {
        location: '--from',
      });
    const discordant = comparison.test.discordant;
    assumption = discordant
      ? {
          source: 'runs',
          discordance: (discordant.aOnly + discordant.bOnly) / n,
          description: `discordance ${((discordant.aOnly + discordant.bOnly) / n).toFixed(4)} measured between runs ${runA.runId} and ${runB.runId} over ${n} shared items`,
        }
      : {
          source: 'runs',
          differenceSd: comparison.difference.standardError * Math.sqrt(n),
          description: `sd of per-item differences ${(comparison.difference.standardError * Math.sqrt(n)).toFixed(4)} measured between runs ${runA.runId} and ${runB.runId} over ${n} items`,
        };
  } else if (runA) {
    const values = meanPerItem(runA, metric.itemScore);
    if (values.length < 2)
      throw new InputError(`run ${runA.runId} has fewer than 2 scored items`, { location: '--from' });
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    if (metric.kind === 'proportion') {
      const other = Math.min(1, Math.max(0, mean - delta));
      const discordance = independentDiscordance({ accuracyA: mean, accuracyB: other });
      assumption = {
        source: 'run-independence',
        discordance,
        description: `discordance ${discordance.toFixed(4)}, assuming a model at ${(mean * 100).toFixed(1)}% (run ${runA.runId}) and one ${deltaPoints} points lower err independently — conservative: real models agree more often; pass two runs to --from to measure it`,
      };
    } else {
      const differenceSd = Math.sqrt(2 * sampleVariance(values));
      assumption = {
        source: 'run-independence',
        differenceSd,
        description: `sd of differences ${differenceSd.toFixed(4)} = √2 × the run's sd (independent models; conservative)`,
      };
    }
  } else {
    if (metric.kind !== 'proportion') {
      throw new InputError(`${protocol.id}'s headline is a graded score: pass an earlier run with --from`, {
        location: '--from',
      });
    }
    assumption = {
      source: 'default',
      discordance: DEFAULT_DISCORDANCE,
      description: `discordance ${DEFAULT_DISCORDANCE} assumed (models disagree on 30% of items; measured 0.23–0.41 on MMLU and GSM8K pairs); pass --from <run-a>,<run-b> or --discordance to use your own`,
    };
  }
  if (assumption.discordance !== undefined && assumption.discordance < delta) {
    throw new InputError(
      `a gap of ${deltaPoints} points needs models that disagree on at least ${deltaPoints}% of items, but the discordance is ${(assumption.discordance * 100).toFixed(2)}%`,
      { location: '--delta' },
    );
  }
  const sized = planItems({
    assumption,
    delta,
    margin,
    nonInferiority: flags.nonInferiority === true,
    power,
    level,
  });
  const items = sized.items;

  let available: number | undefined;
  try {
    const directory = dataDir(io, flags.dataDir);
    const source = cliDatasetSource(io, { directory: directory, allowDownload: false });
    available = (await loadProtocolItems(benchmark, protocol, source)).length;
  } catch {
    available = undefined;
  }

  const outcomes = (run: StoredRun): { itemId: string; usage: Usage | undefined }[] =>
    run.items.map((record) => ({ itemId: record.itemId, usage: record.response?.usage }));
  const tokenRun = runs.find((run) => tokensPerItem(outcomes(run)) !== undefined);
  const perItem =
    flags.model && tokenRun ? tokensPerItem(outcomes(tokenRun), { modelSpec: flags.model }) : undefined;
  const tokens = perItem
    ? {
        input_tokens: Math.round(perItem.inputTokens * items),
        output_tokens: Math.round(perItem.outputTokens * items),
        from_run: tokenRun?.runId ?? null,
        cost_usd: perItem.costUsd === undefined ? null : perItem.costUsd * items,
      }
    : null;

  if (flags.json) {
    const json = {
      benchmark: benchmark.id,
      protocol: protocol.id,
      metric: metric.name,
      delta,
      margin: margin ?? null,
      question:
        margin === undefined ? 'difference' : flags.nonInferiority ? 'non_inferiority' : 'equivalence',
      test: sized.test,
      power,
      achieved_power: sized.achievedPower,
      power_method: sized.powerMethod,
      normal_approximation_items: sized.normalApproximation,
      level,
      assumption: {
        source: assumption.source,
        discordance: assumption.discordance ?? null,
        difference_sd: assumption.differenceSd ?? null,
        description: assumption.description,
      },
      items_needed: items,
      items_available: available ?? null,
      model: flags.model ?? null,
      tokens,
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const unit = (points: number): string => (metric.kind === 'proportion' ? `${points} points` : `${points}`);
  const question =
    marginPoints === undefined
      ? `to detect a gap of ${unit(deltaPoints)} with power ${power} at level ${level} (two-sided, paired)`
      : flags.nonInferiority
        ? `to show B not worse than A by more than ${unit(marginPoints)} (true difference ${unit(deltaPoints)}) with power ${power} at level ${level} (one-sided, paired)`
        : `to show equivalence within ±${unit(marginPoints)} (true difference ${unit(deltaPoints)}) with power ${power} at level ${level} (two one-sided tests, paired)`;
  io.stdout(`${benchmark.id} ${protocol.id} ${metric.name}: ${question}:\n`);
  io.stdout(`  items needed: ${items} per model (the same items for both)\n`);
  io.stdout(
    sized.powerMethod === 'exact'
      ? `  power of the ${sized.test} test at ${items} items: ${sized.achievedPower.toFixed(4)} (computed exactly; the normal approximation's ${sized.normalApproximation} items give ${sized.approximationPower.toFixed(4)})\n`
      : `  power: ${power} by the normal approximation of the ${sized.test} test\n`,
  );
  io.stdout(`  assumption: ${assumption.description}\n`);
  if (available !== undefined) {
    io.stdout(
      items <= available
        ? `  ${benchmark.id} has ${available} items: enough\n`
        : `  ${benchmark.id} has only ${available} items: a gap this small cannot be shown reliably on this benchmark alone\n`,
    );
  }
  if (flags.model) {
    if (tokens && perItem) {
      io.stdout(
        `  ${flags.model}: ≈ ${tokens.input_tokens} input + ${tokens.output_tokens} output tokens (${perItem.inputTokens.toFixed(0)} + ${perItem.outputTokens.toFixed(0)} per item, from run ${tokens.from_run})\n`,
      );
      io.stdout(
        tokens.cost_usd === null
          ? `  cost: no list price for ${flags.model} in the price catalog (see 'parity prices')\n`
          : `  cost at list price: ≈ $${tokens.cost_usd.toFixed(2)}\n`,
      );
    } else {
      io.stdout(
        `  tokens: unknown — pass a run of this protocol whose responses reported usage with --from (e.g. 'parity eval --limit 50')\n`,
      );
    }
  }
  return 0;
}
