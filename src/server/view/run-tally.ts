import type { ItemAggregates, ItemRecord } from '../../spec/index.ts';
import { measuredTiming } from '../../report/measured-timing.ts';

/**
 * The aggregates of `RunStore.aggregateItems`, kept up to date record by record: a poll during a running run
 * adds the records written since the last poll (and takes back the ones they replace) instead of reading the run.
 */
export class RunTally {
  private readonly values = new Map<string, { group: string | null; value: number | null; count: number }>();
  private items = 0;
  private errors = 0;
  private unscored = 0;
  private inputTokens = 0;
  private inputKnown = 0;
  private outputTokens = 0;
  private outputKnown = 0;
  private readonly latencies = new Map<string, number>();

  constructor(private readonly scoreKey: string) {}

  /** Counts a record in (`sign` 1) or takes it back out (`sign` -1, the same record as counted before). */
  count(key: string, record: ItemRecord, sign: 1 | -1): void {
    this.items += sign;
    if (record.status !== 'ok') {
      this.errors += sign;
      return;
    }
    if (Object.values(record.scores).some((score) => score === null)) this.unscored += sign;
    const score = record.scores[this.scoreKey];
    const value = typeof score === 'number' ? score : null;
    const group = record.group ?? null;
    const slot = `${group ?? ''}\u0000${group === null ? 0 : 1}\u0000${value}`;
    const entry = this.values.get(slot) ?? { group, value, count: 0 };
    entry.count += sign;
    if (entry.count === 0) this.values.delete(slot);
    else this.values.set(slot, entry);
    const usage = record.response?.usage;
    if (usage?.inputTokens !== undefined) {
      this.inputTokens += sign * usage.inputTokens;
      this.inputKnown += sign;
    }
    if (usage?.outputTokens !== undefined) {
      this.outputTokens += sign * usage.outputTokens;
      this.outputKnown += sign;
    }
    const latency = measuredTiming(record)?.totalMs;
    if (latency !== undefined) {
      if (sign === 1) this.latencies.set(key, latency);
      else this.latencies.delete(key);
    }
  }

  aggregates(): ItemAggregates {
    const sorted = [...this.latencies.values()].sort((left, right) => left - right);
    const median = sorted.length === 0 ? null : (sorted[Math.ceil(0.5 * sorted.length) - 1] ?? null);
    return {
      items: this.items,
      errors: this.errors,
      unscored: this.unscored,
      values: [...this.values.values()].map((entry) => ({ ...entry })),
      inputTokens: this.inputKnown === 0 ? null : this.inputTokens,
      outputTokens: this.outputKnown === 0 ? null : this.outputTokens,
      medianLatencyMs: median,
    };
  }
}
