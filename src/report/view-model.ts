// Shapes shared by `parity view` (the HTTP API), the HTML report (its inline data) and the front end in web/.
// Plain JSON values only, so they travel unchanged over HTTP and inside a <script type="application/json">.

/** A figure with its 95% interval; null when there is nothing to estimate (no scored item). */
export interface IntervalView {
  readonly value: number | null;
  readonly ci95: readonly [number | null, number | null];
  readonly n: number;
}

/** The headline metric of a run. */
export interface HeadlineView extends IntervalView {
  readonly name: string;
  /** 'proportion' values are fractions in [0, 1]; 'graded' values are on the benchmark's own scale. */
  readonly kind: 'proportion' | 'graded';
  /** 'group-mean' for a macro average (BBH, MGSM): comparisons are then stratified by group. Absent: 'mean'. */
  readonly aggregate?: 'mean' | 'group-mean';
}

/** One line of the runs list and of a leaderboard. */
export interface RunView {
  readonly runId: string;
  readonly kind: 'eval' | 'bench';
  /** The model as shown: the spec, a local model's path shortened to its file name. */
  readonly model: string;
  readonly benchmark: string;
  readonly protocol: string;
  /** Protocol parameters the provider's API could not take (its own sampling applied); absent when none. */
  readonly providerFixed?: readonly string[];
  readonly status: 'running' | 'interrupted' | 'completed' | 'failed';
  readonly doneItems: number;
  readonly totalItems: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Undefined when the protocol is unknown or the run has no scores (bench runs). */
  readonly headline?: HeadlineView;
  readonly errors: number;
  readonly unscored: number;
  /** Token totals over items whose usage was reported; null when no item reported it. */
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  /** Median end-to-end latency of ok items in milliseconds; null when none. */
  readonly medianLatencyMs: number | null;
  /** Cost in USD when a price is known for the model; undefined otherwise. */
  readonly costUsd?: number;
  /** Fingerprint of the items the run ran on (docs/decisions/0047); undefined for runs without one. */
  readonly dataset?: string;
}

/** One metric or one group's headline with its 95% interval, on the run page. */
export interface NamedIntervalView extends IntervalView {
  readonly name: string;
  readonly kind: 'proportion' | 'graded';
}

/** The run page (`#/run?id=…`, `parity show`): what ran, how it went, and its scores. Never holds a secret. */
export interface RunDetailView {
  readonly run: RunView;
  readonly config: {
    readonly modelSpec: string;
    readonly provider: string;
    /** The base URL as stored (credentials and key-like query values already removed), or the model file. */
    readonly endpoint: string;
    readonly modelId: string;
    readonly protocolVersion: number;
    /** Generation settings that differ from the protocol's or were set for the run, as label → value text. */
    readonly generation: readonly (readonly [string, string])[];
    /** Run settings: limit, concurrency, timeout, retries, data folder, imported file, judge. */
    readonly settings: readonly (readonly [string, string])[];
    /** The parity version that created the run; null for runs stored before it was recorded. */
    readonly parityVersion: string | null;
  };
  /** Why a failed run failed (the first item error), an interrupted run's resume hint; null otherwise. */
  readonly statusReason: string | null;
  /** Every metric of the protocol, headline first. */
  readonly metrics: readonly NamedIntervalView[];
  /** The headline metric per group (subject, language, task), by name. */
  readonly groups: readonly NamedIntervalView[];
  readonly latencyMs: {
    readonly p50: number | null;
    readonly p90: number | null;
    readonly p99: number | null;
    readonly count: number;
  };
  /** Failed items by error name, most frequent first, with one message each. */
  readonly errorKinds: readonly { readonly name: string; readonly count: number; readonly example: string }[];
  /** Configuration changes after creation (`parity resume --base-url`), oldest first. */
  readonly history: readonly { readonly at: string; readonly command: string; readonly changes: string }[];
}

export interface LeaderboardView {
  readonly benchmark: string;
  readonly protocol: string;
  /**
   * The dataset fingerprint shared by every run of the board (null: runs without one). Runs on different
   * data (another file version, another --limit) get boards of their own, never ranked side by side.
   */
  readonly dataset: string | null;
  readonly metric: string;
  readonly kind: 'proportion' | 'graded';
  /** Best first. */
  readonly runs: readonly RunView[];
}

export type Verdict = 'a_better' | 'b_better' | 'no_significant_difference';

/** Run A against run B on the items both scored (paired by item id; an item's samples averaged first). */
export interface ComparisonView {
  readonly benchmark: string;
  readonly protocol: string;
  readonly metric: string;
  readonly kind: 'proportion' | 'graded';
  readonly nPaired: number;
  readonly a: { readonly runId: string; readonly model: string; readonly value: number | null };
  readonly b: { readonly runId: string; readonly model: string; readonly value: number | null };
  /** Mean of (A − B) over paired items with the interval of the test's method at `intervalLevel`. */
  readonly difference: IntervalView;
  /** Present when `difference.ci95` reached past ±1 (a difference of proportions) and was clipped to it. */
  readonly differenceClipped?: true;
  /** Paired items A got better than B, and B better than A (the discordant pairs for 0/1 scores). */
  readonly aBetterCount: number;
  readonly bBetterCount: number;
  /**
   * As `parity compare`: 'mcnemar_exact' for 0/1 scores of a micro mean, 'paired_t' for graded scores,
   * 'stratified_z' for macro metrics;
   * `pAdjusted` is Holm-adjusted across the comparisons shown. `pValue` is null when no item is paired.
   */
  readonly test: { readonly name: string; readonly pValue: number | null; readonly pAdjusted: number | null };
  readonly verdict: Verdict;
  /** Coverage of `difference.ci95`: the level the verdict was judged at (0.95 alone; higher under Holm). */
  readonly intervalLevel: number;
  /** Shared item ids left out because their content differs between the runs. */
  readonly mismatchedItems: number;
  /** One line saying how the interval and the verdict were computed. */
  readonly method: string;
  /** With a margin (`parity report --margin`, the view's margin field): the headline verdict. */
  readonly margin?: MarginView;
}

/** The answer to "is B as good as A?" within a margin, as `parity compare --margin` gives it. */
export interface MarginView {
  readonly mode: 'equivalence' | 'non_inferiority';
  /** In the metric's units (0.01 = 1 point). */
  readonly margin: number;
  readonly verdict: 'equivalent' | 'not_worse' | 'different' | 'inconclusive';
  readonly better: 'a' | 'b' | null;
  /** The (1 − 2α) interval of the margin test, α at its Holm level. */
  readonly intervalLevel: number;
  readonly ci: readonly [number | null, number | null];
  readonly test: string;
  readonly pAdjusted: number;
  /** Inconclusive: about how many items would decide it. */
  readonly itemsNeeded: number | null;
}

/** One item of a run as the drill-down shows it. Every string here may be untrusted model or dataset text. */
export interface ItemView {
  /** `<item id>#<sample>`: what pairs items across runs. */
  readonly key: string;
  readonly itemId: string;
  readonly sample: number;
  readonly group: string | null;
  readonly status: 'ok' | 'error';
  /** Headline per-item score; null when unscored or failed. */
  readonly score: number | null;
  readonly extracted: string | null;
  /** The last user message of the request (few-shot turns before it are left out). */
  readonly prompt: string;
  readonly messageCount: number;
  readonly response: string | null;
  readonly error: string | null;
  readonly latencyMs: number | null;
  readonly ttftMs: number | null;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly finishReason: string | null;
  readonly cached: boolean;
  /** Fingerprint of the item's content, when the run recorded one: pairs across runs only identical items. */
  readonly fingerprint?: string;
  /** The gold answer (`RunStore.getGold`), when the run recorded it: why an answer is right or wrong. */
  readonly target?: string;
  /** Multiple choice: every choice as shown to the model ("A. …"), when the run recorded them. */
  readonly choices?: readonly string[];
}

export const itemFilters = [
  'all',
  'right',
  'wrong',
  'errors',
  'unscored',
  'worse-than-vs',
  'better-than-vs',
  'differs-from-vs',
] as const;
export type ItemFilter = (typeof itemFilters)[number];

export interface ItemQuery {
  readonly filter: ItemFilter;
  /** Group (subject, category) to keep; undefined keeps all. */
  readonly group?: string;
  /** Case-insensitive text searched in id, prompt, response, extracted answer and error. */
  readonly search?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface ItemPageRow {
  readonly item: ItemView;
  /** The same item in the run compared with, when one was given and it holds the item. */
  readonly vs?: ItemView;
}

export interface ItemPage {
  /** Items matching the query. */
  readonly total: number;
  /** Items in the run. */
  readonly runTotal: number;
  readonly offset: number;
  readonly limit: number;
  readonly rows: readonly ItemPageRow[];
  /** Every group in the run, sorted, for the group filter. */
  readonly groups: readonly string[];
}

/** Latency distribution of one run: per sweep step for bench runs, one step 'all' for eval runs. */
export interface LatencyView {
  readonly runId: string;
  readonly model: string;
  readonly kind: 'eval' | 'bench';
  readonly steps: readonly LatencyStepView[];
}

export interface LatencyStepView {
  /** The step's load label, e.g. 'c=8' or 'rate=4/s'; 'all' for an eval run. */
  readonly step: string;
  /** The step's concurrency or request rate; null for eval runs. */
  readonly load: number | null;
  readonly count: number;
  /** Sorted end-to-end latencies in ms, thinned to at most 200 quantile points for the CDF. */
  readonly e2eMs: readonly number[];
  readonly ttftMs: readonly number[];
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  /** Requests that failed in the step. */
  readonly failed: number;
  /** Measured request throughput of a bench step (completed requests/s); null for eval runs. */
  readonly requestsPerSecond: number | null;
  /** Measured output token throughput of a bench step (tokens/s over the step); null for eval runs. */
  readonly outputTokensPerSecond: number | null;
}

/** Everything the HTML report holds inline. */
export interface ReportData {
  readonly version: 1;
  readonly generatedAt: string;
  readonly runs: readonly RunView[];
  readonly leaderboards: readonly LeaderboardView[];
  readonly comparisons: readonly ComparisonView[];
  readonly latency: readonly LatencyView[];
  readonly items: Readonly<Record<string, readonly ItemView[]>>;
  /** Each run's page by run id (absent in reports written before run pages). */
  readonly details?: Readonly<Record<string, RunDetailView>>;
  /** `parity report --margin`: the margin the compare page applies unless its own field says otherwise. */
  readonly margin?: {
    readonly points?: number;
    readonly relative?: number;
    readonly nonInferiority?: boolean;
  };
}
