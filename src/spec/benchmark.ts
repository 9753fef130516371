import type { AsyncScoreContext } from './code-execution.ts';
import type { FinishReason, GenerateRequest, LogLikelihoodRequest, ModelIdentity } from './language-model.ts';
import type { ModelResponse } from './run.ts';

/** One evaluation item. `data` is the benchmark's own shape; `group` is the subject, language or task. */
export interface Item<TData = unknown> {
  /** Stable id derived from the upstream files (docs/cli.md, item ids). */
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
  /**
   * Ratio metrics (IFEval instruction level): the metric is Σ itemScore / Σ denominator over items, both whole
   * counts (e.g. instructions followed / instructions given), with a Wilson interval over the denominator's
   * total. `aggregate` is then ignored.
   */
  readonly denominator?: string;
  /**
   * With `denominator`: the item scores `<itemScore>/<group>` and `<denominator>/<group>` give the metric per
   * group (IFEval: per instruction type), instead of the item's own group.
   */
  readonly groupsFromScoreKeys?: boolean;
  /**
   * False for a figure over a subset of the groups whose per-group values only repeat another metric (CMMLU's
   * and C-Eval's per-category averages, read from item scores that only that category's subjects carry): it
   * gets no per-group figures. Default true.
   */
  readonly perGroup?: boolean;
  /**
   * With `aggregate: 'group-mean'`: each group's weight in the mean over groups (a group not listed weighs 1),
   * for nested leaderboard averages (BFCL's Non-Live AST: simple's three languages count a third each).
   */
  readonly groupWeights?: Readonly<Record<string, number>>;
}

/**
 * What the item counts as right, for readers of its results (drill-down, exports, reports): the target as
 * the benchmark states it and, for multiple choice, every choice as shown to the model ("A. …").
 */
export interface ItemGold {
  readonly target: string;
  readonly choices?: readonly string[];
}

/** Score of one item's output. A `null` value means unscored (kept apart from wrong). */
export interface ItemScore {
  readonly scores: Readonly<Record<string, number | null>>;
  /** The answer the scorer extracted, or null when none could be found. */
  readonly extracted: string | null;
}

/**
 * How a protocol's items are run and scored (docs/decisions/0200-evaluation-engine.md); the engine dispatches on
 * it in one place (src/evaluation/protocol-kind.ts):
 * - 'generate': one generated completion per item (and sample), scored by `score`;
 * - 'loglikelihood': the log-likelihood of each continuation instead of a generation;
 * - 'execute': one generated program per sample, scored by running it (`scoreAsync`), pass@k over samples;
 * - 'multi-step': several dependent requests per item (`runSteps`), a judge's among them when `needsJudge`.
 */
export type ProtocolKind = 'generate' | 'loglikelihood' | 'execute' | 'multi-step';

/** What every protocol has, whatever its kind. */
export interface ProtocolBase<TData = unknown> {
  /** Versioned id printed beside every score, e.g. 'gsm8k.cot.8shot'. */
  readonly id: string;
  readonly version: number;
  readonly benchmark: string;
  /**
   * Ids this protocol had before a rename (same prompts and scoring): runs stored under them still resolve to
   * it, while `parity eval --protocol` asks for the current id.
   */
  readonly formerIds?: readonly string[];
  /** One line for `--help` and reports. */
  readonly description: string;
  /** Metrics, headline metric first. */
  readonly metrics: readonly MetricSpec[];
  buildRequest(item: Item<TData>): GenerateRequest;
  /**
   * The item's gold answer for display. Optional: without it, `itemGold` (src/benchmarks/item-gold.ts) reads
   * the usual fields of `item.data` (answer, target, choices) or falls back to `referenceCompletion`.
   */
  gold?(item: Item<TData>): ItemGold;
  /** Scores a completion. `prefillApplied` says whether the request's assistantPrefix was prefilled. */
  score(item: Item<TData>, completion: string, context?: ScoreContext): ItemScore;
  /** A completion in this protocol's expected answer form that states the gold answer (used to check scorers). */
  referenceCompletion(item: Item<TData>): string;
  /**
   * Present on protocols that run on a subset of the benchmark's items (the Llama 3.1 ARC protocol keeps the
   * four-choice questions only): callers drop the items it returns false for before taking `--limit`.
   */
  includesItem?(item: Item<TData>): boolean;
  /**
   * True when requests carry a `responseSchema` for the provider's structured-output mode: `parity probe` lists
   * the protocol only for endpoints that take `json_schema` output.
   */
  readonly needsStructuredOutput?: boolean;
  /** True when requests carry `tools`: the endpoint must support native tool calling (`parity probe`). */
  readonly needsToolCalls?: boolean;
}

/** One generated completion per item (and sample), scored by `score`. */
export interface GenerateProtocol<TData = unknown> extends ProtocolBase<TData> {
  readonly kind: 'generate';
}

/**
 * The runner asks the model for the log-likelihood of each continuation instead of generating, and `score`
 * receives the most likely continuation (the first on a tie) as the completion. `buildRequest` then gives the
 * stored rendering of the request (context as one user message).
 */
export interface LogLikelihoodProtocol<TData = unknown> extends ProtocolBase<TData> {
  readonly kind: 'loglikelihood';
  buildLogLikelihoodRequest(item: Item<TData>): LogLikelihoodRequest;
}

/**
 * Scoring runs model-written code: callers that have a CodeExecutor use `scoreAsync` instead of `score` (which
 * then only extracts the program and leaves the item unscored).
 */
export interface ExecuteProtocol<TData = unknown> extends ProtocolBase<TData> {
  readonly kind: 'execute';
  scoreAsync(item: Item<TData>, completion: string, context: AsyncScoreContext): Promise<ItemScore>;
  /**
   * pass@k protocols: the per-sample 0/1 score named here is summarized per item by the unbiased pass@k
   * estimator (docs/code-benchmarks.md, pass@k) for every k up to the samples per item, instead of a plain mean.
   */
  readonly passAtK?: PassAtKSpec;
}

/**
 * Items need several dependent requests (MT-Bench: turn 2's request holds turn 1's answer, then a judge grades
 * each turn). The engine runs `runSteps` instead of `buildRequest` + `score`; every request goes through
 * `context.generate` (cache, retries, timeout, cancellation), and the item is recorded only when `runSteps`
 * resolves. `buildRequest` still gives the first request.
 */
export interface MultiStepProtocol<TData = unknown> extends ProtocolBase<TData> {
  readonly kind: 'multi-step';
  runSteps(item: Item<TData>, context: StepContext): Promise<ItemScore>;
  /** True when `runSteps` sends requests with role 'judge': the caller must supply a judge model. */
  readonly needsJudge?: boolean;
  /**
   * Present when one item holds several scored units (MT-Bench: one per judged turn): run-level metrics and
   * groups are computed over the units this returns for each item's scores, instead of over the items.
   */
  scoredUnits?(
    scores: Readonly<Record<string, number | null>>,
  ): readonly Readonly<Record<string, number | null>>[];
}

/** A benchmark's protocol: one of the kinds above, told apart by `kind`. */
export type Protocol<TData = unknown> =
  GenerateProtocol<TData> | LogLikelihoodProtocol<TData> | ExecuteProtocol<TData> | MultiStepProtocol<TData>;

/** Which per-sample 0/1 scores are summarized as pass@k. */
export interface PassAtKSpec {
  /** The headline score: metrics `pass@1`, `pass@2`, … */
  readonly itemScore: string;
  /** Further scores, each reported as `<prefix>pass@k` after the headline ones (EvalPlus: `base_pass@1`). */
  readonly also?: readonly { readonly itemScore: string; readonly prefix: string }[];
}

/** What `Protocol.score` may be told about the response besides its text. */
export interface ScoreContext {
  /** Whether the request's assistantPrefix was prefilled (so the completion is only the continuation). */
  readonly prefillApplied?: boolean;
  /**
   * Log-likelihood protocols: every continuation's log-likelihood, in request order, when the model gave them.
   * Absent when only the chosen continuation is known (a samples file, a reference completion).
   */
  readonly logLikelihoods?: readonly number[];
  /** Why the response ended, when it came from a model ('error': the endpoint refused the request's response schema). */
  readonly finishReason?: FinishReason;
}

/** Who answers one request of a multi-step item: the evaluated model, or the judge model that grades it. */
export type StepRole = 'model' | 'judge';

export interface StepRequestOptions {
  readonly role: StepRole;
  /** The step's name within the item, e.g. 'turn1' or 'judge-turn2'; stored with the step. */
  readonly name: string;
  /** Repeat index when one request is sent several times on purpose (judge repeats): above 0, its own cache entry. */
  readonly repeat?: number;
}

/** What `MultiStepProtocol.runSteps` receives. */
export interface StepContext {
  /** Sends one request and resolves with its response; rejects when it fails for good or the run is cancelled. */
  generate(request: GenerateRequest, options: StepRequestOptions): Promise<ModelResponse>;
  /** How many times each judge request is sent (`--judge-repeats`); 1 when not asked. */
  readonly judgeRepeats: number;
  /** The evaluated model, when one answers (absent when answers are replayed from a samples file). */
  readonly model?: ModelIdentity;
  /** The judge model, when there is one. */
  readonly judge?: ModelIdentity;
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
  /** Generated benchmarks (longctx): how to generate the items; file-backed benchmarks ignore it. */
  readonly synthetic?: SyntheticOptions;
}

/** Settings of a benchmark whose items are generated from a seed instead of read from files (docs/longctx.md). */
export interface SyntheticOptions {
  readonly seed?: number;
  /** Target prompt lengths in tokens. */
  readonly lengths?: readonly number[];
  /** Needle depths in percent of the haystack. */
  readonly depths?: readonly number[];
  /** Samples per task, length and depth. */
  readonly samples?: number;
  /** Characters per token used to size haystacks. */
  readonly charsPerToken?: number;
}

export interface Benchmark<TData = unknown> {
  /** 'mmlu', 'gsm8k', … */
  readonly id: string;
  readonly protocols: readonly Protocol<TData>[];
  readonly defaultProtocol: string;
  /** Reads every test item from the upstream layout; rows that do not parse throw InputError naming file and line. */
  loadItems(source: DatasetSource, options?: LoadOptions): Promise<Item<TData>[]>;
}
