import type {
  Benchmark,
  Item,
  ItemOutcome,
  Protocol,
  RunConfig,
  RunStore,
  RunSummary,
} from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { parseWholeNumber } from './parse-options.ts';
import { tokensPerItem } from '../evaluation/run-token-usage.ts';
import { STOP_WHEN_DECIDED_DEFAULTS } from '../evaluation/defaults.ts';
import { createSequentialMonitor, type SequentialMonitor } from '../evaluation/sequential-monitor.ts';

export interface StopWhenDecidedFlags {
  readonly stopWhenDecided?: boolean;
  readonly vs?: string;
  readonly level?: string;
  readonly orderSeed?: string;
  readonly margin?: string;
}

/**
 * `parity eval --stop-when-decided --vs <run>`: checks the flags and the reference run (same benchmark and
 * protocol, one benchmark, one sample per item), and returns the plan — the reference run's scored items in
 * its order — with the monitor that decides when to stop. Undefined without --stop-when-decided.
 */
export function prepareStopWhenDecided(options: {
  flags: StopWhenDecidedFlags;
  store: RunStore;
  benchmark: Benchmark;
  protocol: Protocol;
  items: readonly Item[];
  benchmarkCount: number;
  samples: number;
}): { monitor: SequentialMonitor; items: Item[] } | undefined {
  const { flags, benchmark, protocol } = options;
  if (!flags.stopWhenDecided) {
    if (flags.vs !== undefined) throw new InputError('--vs needs --stop-when-decided', { location: '--vs' });
    if (flags.margin !== undefined)
      throw new InputError('--margin needs --stop-when-decided', { location: '--margin' });
    return undefined;
  }
  if (flags.vs === undefined)
    throw new InputError('name the run to compare with: --vs <run-id>', { location: '--stop-when-decided' });
  if (options.benchmarkCount !== 1)
    throw new InputError('works with one benchmark at a time', { location: '--stop-when-decided' });
  if (options.samples !== 1)
    throw new InputError('works with one sample per item', { location: '--stop-when-decided' });
  const alpha = flags.level === undefined ? STOP_WHEN_DECIDED_DEFAULTS.level : Number(flags.level);
  if (!Number.isFinite(alpha) || alpha <= 0 || alpha >= 1) {
    throw new InputError(`expected a level between 0 and 1, got '${flags.level}'`, { location: '--level' });
  }
  const reference = options.store.getRun(flags.vs);
  if (!reference)
    throw new InputError(`no run '${flags.vs}' in the store (see 'parity runs')`, { location: '--vs' });
  if (
    reference.config.benchmark !== benchmark.id ||
    reference.config.protocol !== protocol.id ||
    reference.config.protocolVersion !== protocol.version
  ) {
    throw new InputError(
      `run ${reference.runId} used ${reference.config.protocol} v${reference.config.protocolVersion}, this run ${protocol.id} v${protocol.version}: a sequential comparison needs the same protocol`,
      { location: '--vs' },
    );
  }
  const metric = protocol.metrics[0];
  if (!metric) throw new InputError(`protocol ${protocol.id} has no metric`);
  const seed =
    parseWholeNumber('--order-seed', flags.orderSeed, { min: 0 }) ?? STOP_WHEN_DECIDED_DEFAULTS.orderSeed;
  let margin: number | undefined;
  if (flags.margin !== undefined) {
    const points = Number(flags.margin);
    if (!Number.isFinite(points) || points <= 0 || points >= 100) {
      throw new InputError(
        `expected a margin in percentage points between 0 and 100, got '${flags.margin}'`,
        {
          location: '--margin',
        },
      );
    }
    margin = points / 100;
  }
  return createSequentialMonitor({
    reference,
    items: options.items,
    metric,
    alpha,
    seed,
    ...(margin === undefined ? {} : { margin }),
  });
}

/** What a sequential run records: marks it, so that a completed run with fewer items reads as stopped early. */
export function stopWhenDecidedConfig(monitor: SequentialMonitor): NonNullable<RunConfig['stopWhenDecided']> {
  return {
    vsRunId: monitor.referenceRunId,
    alpha: monitor.alpha,
    orderSeed: monitor.seed,
    ...(monitor.margin === undefined ? {} : { margin: monitor.margin }),
  };
}

/** What the sequential test decided, on how many items, with its anytime-valid interval, and what it saved. */
export function formatStopWhenDecided(options: {
  monitor: SequentialMonitor;
  run: RunSummary & { readonly items: readonly ItemOutcome[] };
}): string {
  const { monitor, run } = options;
  const state = monitor.state();
  const drawn = run.items.length;
  const saved = Math.max(0, monitor.plannedItems - drawn);
  const percent = (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)}`;
  const verdict =
    state.verdict === 'a_better'
      ? `this run is better than ${monitor.referenceRunId}`
      : state.verdict === 'b_better'
        ? `${monitor.referenceRunId} is better than this run`
        : state.verdict === 'equivalent'
          ? `equivalent to ${monitor.referenceRunId} within ±${((monitor.margin ?? 0) * 100).toFixed(2)} points`
          : `not decided: no significant difference${monitor.margin === undefined ? '' : ' and no equivalence'} found within the plan`;
  const lines = [
    `sequential comparison with run ${monitor.referenceRunId} (anytime-valid confidence sequence, α = ${monitor.alpha}; items in random order, seed ${monitor.seed}):`,
    `  ${verdict}`,
    `  difference (this − reference) over ${state.n} paired items: ${percent(state.mean)} points, ${(1 - monitor.alpha) * 100}% confidence sequence [${percent(state.ci[0])}, ${percent(state.ci[1])}]`,
    `  items drawn: ${drawn} of ${monitor.plannedItems} planned${saved > 0 ? `; stopped early, ${saved} items not requested` : ''}`,
  ];
  const perItem = saved > 0 ? tokensPerItem(run.items, { modelSpec: run.config.modelSpec }) : undefined;
  if (perItem) {
    const tokens = Math.round((perItem.inputTokens + perItem.outputTokens) * saved);
    const money =
      perItem.costUsd === undefined
        ? 'no list price for this model'
        : `≈ $${(perItem.costUsd * saved).toFixed(2)} at list price`;
    lines.push(
      `  saved ≈ ${tokens} tokens (${Math.round(perItem.inputTokens + perItem.outputTokens)} per item); ${money}`,
    );
  } else if (saved > 0) {
    lines.push('  tokens saved: unknown (the endpoint reported no usage)');
  }
  return lines.join('\n');
}
