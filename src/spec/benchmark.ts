import type { GenerateRequest } from './language-model.ts';

/** One evaluation item. `data` is the benchmark's own shape; `group` is the subject, language or task. */
export interface Item<TData = unknown> {
  /** Stable id derived from the upstream files (CONTRACT.md "Item ids"). */
  readonly id: string;
  readonly group?: string;
  readonly data: TData;
}

/** How per-item scores of one metric become a run-level figure. */
export type MetricAggregate =
  /** Mean over items (micro average); binary scores get a Wilson interval. */
  | 'mean'
  /** Mean over groups of the per-group mean (macro average). */
  | 'group-mean';

export interface MetricSpec {
  /** Name in JSON output, e.g. 'accuracy_macro'. */
  readonly name: string;
  /** Per-item score key it is computed from, e.g. 'accuracy'. */
  readonly itemScore: string;
  readonly aggregate: MetricAggregate;
  /** 'proportion' metrics are fractions in [0, 1] from 0/1 item scores. */
  readonly kind: 'proportion' | 'graded';
}

/** Score of one item's output. A `null` value means unscored (kept apart from wrong). */
export interface ItemScore {
  readonly scores: Readonly<Record<string, number | null>>;
  /** The answer the scorer extracted, or null when none could be found. */
  readonly extracted: string | null;
}

export interface Protocol<TData = unknown> {
  /** Versioned id printed beside every score, e.g. 'gsm8k.cot.8shot'. */
  readonly id: string;
  readonly version: number;
  readonly benchmark: string;
  /** One line for `--help` and reports. */
  readonly description: string;
  /** Metrics, headline metric first. */
  readonly metrics: readonly MetricSpec[];
  buildRequest(item: Item<TData>): GenerateRequest;
  /** Scores a completion. `prefillApplied` says whether the request's assistantPrefix was prefilled. */
  score(item: Item<TData>, completion: string, context?: { prefillApplied?: boolean }): ItemScore;
  /** A completion in this protocol's expected answer form that states the gold answer (used to check scorers). */
  referenceCompletion(item: Item<TData>): string;
}

/** Where benchmark files come from; resolves a path relative to the benchmark's folder to a local file. */
export interface DatasetSource {
  /** e.g. resolveFile('gsm8k', 'test.jsonl') → an absolute path. Throws InputError when it cannot be had. */
  resolveFile(benchmark: string, relativePath: string): Promise<string>;
  /** Lists file names in a folder of the benchmark's layout (after making it available). */
  listFiles(benchmark: string, relativeDir: string): Promise<string[]>;
}

export interface LoadOptions {
  /** Take at most this many items (the first N in a stable, documented order). */
  readonly limit?: number;
}

export interface Benchmark<TData = unknown> {
  /** 'mmlu', 'gsm8k', … */
  readonly id: string;
  readonly protocols: readonly Protocol<TData>[];
  readonly defaultProtocol: string;
  /** Reads every test item from the upstream layout; rows that do not parse throw InputError naming file and line. */
  loadItems(source: DatasetSource, options?: LoadOptions): Promise<Item<TData>[]>;
}
