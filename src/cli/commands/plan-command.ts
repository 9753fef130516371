import { cliDatasetSource } from '../cli-dataset-source.ts';
import type { Command, Option } from 'commander';
import { loadProtocolItems } from '../../benchmarks/load-protocol-items.ts';
import { getBenchmark, getProtocol } from '../../benchmarks/registry.ts';
import { compareRuns } from '../../report/compare-runs.ts';
import { openSqliteRunStore } from '../../store/sqlite-run-store.ts';
import {
  independentDiscordance,
  pairedBinarySampleSize,
  pairedMeanSampleSize,
} from '../../stats/paired-sample-size.ts';
import { sampleVariance } from '../../stats/mean-estimate.ts';
import type { StoredRun, Usage } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseList } from '../parse-options.ts';
import { dataDir, storePath } from '../paths.ts';
import { tokensPerItem } from '../run-token-usage.ts';
import { parseFraction, parseLevel } from './compare-command.ts';

export interface PlanFlags {
  readonly bench: string;
  readonly delta: string;
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
export const DEFAULT_DISCORDANCE = 0.3;
export const PLAN_DEFAULTS = { power: 0.8, level: 0.05 } as const;

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

/** `parity plan`: items (and tokens, cost) needed to detect a gap with a paired comparison. */
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
    const store = openSqliteRunStore({ path });
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
  const deltaPoints = Number(flags.delta);
  if (!Number.isFinite(deltaPoints) || deltaPoints <= 0) {
    throw new InputError(`expected a positive gap, got '${flags.delta}'`, { location: '--delta' });
  }
  const delta = metric.kind === 'proportion' ? deltaPoints / 100 : deltaPoints;

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
  const items =
    assumption.discordance !== undefined
      ? pairedBinarySampleSize({ difference: delta, discordance: assumption.discordance, power, level })
      : pairedMeanSampleSize({
          difference: delta,
          differenceSd: assumption.differenceSd ?? Number.NaN,
          power,
          level,
        });

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
      power,
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
  const gap = metric.kind === 'proportion' ? `${deltaPoints} points` : `${deltaPoints}`;
  io.stdout(
    `${benchmark.id} ${protocol.id} ${metric.name}: to detect a gap of ${gap} with power ${power} at level ${level} (two-sided, paired):\n`,
  );
  io.stdout(`  items needed: ${items} per model (the same items for both)\n`);
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

export function registerPlanCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  storeOption: () => Option,
): void {
  program
    .command('plan')
    .description(
      'how many items (and tokens, dollars) a paired comparison needs to detect a gap (docs/statistics.md)',
    )
    .requiredOption('--bench <id>', 'benchmark id')
    .requiredOption(
      '--delta <points>',
      'smallest gap worth detecting: percentage points for accuracies (3 = 3 points), raw units for graded scores',
    )
    .option('--power <p>', 'probability of detecting a true gap of that size', String(PLAN_DEFAULTS.power))
    .option('--level <alpha>', 'two-sided significance level', String(PLAN_DEFAULTS.level))
    .option(
      '--from <run-ids>',
      'earlier runs: two (comma-separated) give the measured discordance; one gives its accuracy and tokens per item',
    )
    .option(
      '--discordance <rate>',
      `share of items the two models disagree on (default ${DEFAULT_DISCORDANCE} without --from)`,
    )
    .option(
      '--model <spec>',
      "model whose tokens (and list-price cost) to estimate, from the --from run's usage",
    )
    .option('--protocol <id>', "protocol (default: the --from run's, else the benchmark's default)")
    .option('--data-dir <dir>', 'dataset folder, to report how many items the benchmark has')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample: parity plan --bench mmlu --delta 2 --from <run-a>,<run-b> --model openai:gpt-4o',
    )
    .action(async (flags: PlanFlags) => setExitCode(await planCommand(flags, io)));
}
