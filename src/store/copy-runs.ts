import { InputError } from '../spec/index.ts';
import type { RunStore } from '../spec/index.ts';

/** What `copyRuns` did. */
export interface CopyResult {
  /** Runs written to the destination. */
  readonly copied: readonly string[];
  /** Runs the destination had already (same id): left as they are. */
  readonly skipped: readonly string[];
  readonly items: number;
  readonly cacheEntries: number;
}

/**
 * Copies runs (all, or those of `runIds`) from one store to another without loss: the run with its id, kind,
 * configuration and history, status, owner, labels, every item record (in the order recorded), fingerprints,
 * gold answers, and the whole response cache (the items' entries and steps' entries alike; the first entry of
 * a key stays). `to` must draw the run's own id: open it with `generateId: nextId.take` (see `createIdQueue`).
 * A run already in the destination is skipped, so copying again adds only what is new.
 */
export function copyRuns(options: {
  from: RunStore;
  to: RunStore;
  ids: IdQueue;
  runIds?: readonly string[];
}): CopyResult {
  const { from, to } = options;
  const wanted = options.runIds ?? from.listRuns().map((run) => run.runId);
  // The cache first: each entry keeps its own time (the items' writes below then find their entries there).
  let cacheEntries = 0;
  for (const entry of from.iterateCache?.() ?? []) {
    to.cacheResponse?.(entry.key, entry.response, { createdAt: entry.createdAt });
    cacheEntries += 1;
  }
  const copied: string[] = [];
  const skipped: string[] = [];
  let items = 0;
  for (const runId of wanted) {
    const run = from.getRun(runId);
    if (run === undefined) throw new InputError(`no run '${runId}' in the source store (see 'parity runs')`);
    if (to.getSummary(runId) !== undefined) {
      skipped.push(runId);
      continue;
    }
    options.ids.push(runId);
    const created = to.createRun({
      kind: run.kind,
      config: run.config,
      totalItems: run.totalItems,
      createdAt: run.createdAt,
      ...(run.owner ? { owner: run.owner } : {}),
    });
    if (created !== runId) throw new InputError(`the destination store gave run ${runId} the id ${created}`);
    for (const change of run.history ?? []) to.changeConfig(runId, { config: run.config, change });
    const fingerprints = from.getFingerprints?.(runId);
    if (fingerprints) to.recordFingerprints?.(runId, fingerprints);
    const gold = from.getGold?.(runId);
    if (gold && gold.size > 0) to.recordGold?.(runId, gold);
    if (run.labels && run.labels.length > 0) to.setLabels?.(runId, run.labels);
    for (let start = 0; start < run.items.length; start += 500) {
      to.recordItems(runId, run.items.slice(start, start + 500), { updatedAt: run.updatedAt });
    }
    items += run.items.length;
    to.setStatus(runId, run.status, { updatedAt: run.updatedAt });
    copied.push(runId);
  }
  return { copied, skipped, items, cacheEntries };
}

/** The ids a destination store hands out next: `copyRuns` pushes the id of the run it is about to create. */
export interface IdQueue {
  push(id: string): void;
  /** For the store's `generateId`. */
  take(): string;
}

export function createIdQueue(): IdQueue {
  const queue: string[] = [];
  return {
    push: (id) => queue.push(id),
    take: () => {
      const id = queue.shift();
      if (id === undefined)
        throw new InputError('copying runs: the destination store asked for an unexpected run id');
      return id;
    },
  };
}
