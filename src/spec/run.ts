import type { SyntheticOptions } from './benchmark.ts';
import type {
  FinishReason,
  GenerateRequest,
  ModelIdentity,
  RawExchange,
  Timing,
  Usage,
} from './language-model.ts';

export type RunStatus = 'running' | 'interrupted' | 'completed' | 'failed';
export type RunKind = 'eval' | 'bench';

/** Everything needed to describe, and to resume, a run. Never holds a secret. */
export interface RunConfig {
  /** The model spec as given, e.g. 'openai:gpt-4o' or 'local:/models/x.gguf'. */
  readonly modelSpec: string;
  readonly model: ModelIdentity;
  readonly benchmark: string;
  readonly protocol: string;
  readonly protocolVersion: number;
  readonly limit?: number;
  /** Generated benchmarks (longctx): the settings the items were generated from, so resume regenerates them. */
  readonly synthetic?: SyntheticOptions;
  readonly dataDir?: string;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Samples per item (pass@k); absent means 1. */
  readonly samples?: number;
  /** Temperature / top-p that replaced the protocol's own (sampled runs); absent means the protocol's. */
  readonly temperature?: number;
  readonly topP?: number;
  /** `--reasoning-allowance`: tokens the model may think, added to every request. */
  readonly reasoningAllowanceTokens?: number;
  /**
   * `--max-tokens`, `--system-prompt`, `--reasoning-effort`: generation settings that replaced the protocol's
   * own (the protocol then differs from its published form, and the score table says so).
   */
  readonly generationOverrides?: GenerationOverrides;
  /**
   * Generation parameters the protocol set that the provider's API cannot take (Anthropic fixes sampling):
   * the protocol ran with the provider's own values for these. Absent when every parameter was applied.
   */
  readonly providerFixed?: readonly string[];
  /** Wall-clock limit per executed program (code benchmarks), in milliseconds. */
  readonly execTimeoutMs?: number;
  /** `parity import`: the samples file the run's per-item results came from (no model was called). */
  readonly importedFrom?: string;
  /**
   * `parity eval --stop-when-decided --vs <run>`: the reference run's items were drawn in a random order from
   * `orderSeed` (absent in runs stored before it: the reference's order) and drawing stopped once the
   * confidence sequence decided (or lay inside ±`margin`, a fraction, when given). The run is `completed`
   * with fewer items than planned when it stopped early.
   */
  readonly stopWhenDecided?: {
    readonly vsRunId: string;
    readonly alpha: number;
    readonly orderSeed?: number;
    readonly margin?: number;
  };
  /** The parity version that created the run (absent in runs stored before it was recorded). */
  readonly parityVersion?: string;
  /** Protocols graded by a judge model (MT-Bench): the judge's spec and identity, and judgments per graded turn. */
  readonly judge?: { readonly modelSpec: string; readonly model: ModelIdentity; readonly repeats: number };
  /**
   * Task runs (`parity eval --task`, docs/tasks.md): the task file's absolute path and its definition as run
   * (`show`, `compare` and `resume` rebuild the protocol from it, not from a file that may have changed since).
   */
  readonly task?: { readonly file: string; readonly definition: unknown };
  /**
   * Judgment runs (`parity compare --judge`, docs/tasks.md): the judge (`modelSpec`, `model`) compared the answers
   * of run `runA` and run `runB` to each item in both orders, with `rubric` when one was given.
   */
  readonly pairwise?: PairwiseRunConfig;
}

/** See `RunConfig.pairwise`. */
export interface PairwiseRunConfig {
  readonly runA: string;
  readonly runB: string;
  /** Benchmark and protocol of the two runs. */
  readonly benchmark: string;
  readonly protocol: string;
  /** The judge prompt (`pair-v2`). */
  readonly prompt: string;
  readonly rubric?: string;
}

/** The process working on a run: a run whose owner is gone while it says `running` was killed. */
export interface RunOwner {
  readonly pid: number;
  /** Host name of the machine the process runs on. */
  readonly host: string;
  /** ISO-8601 time of the owner's last sign of life (it refreshes it every few seconds). */
  readonly heartbeatAt: string;
}

/** One change of a run's configuration after it was created (`parity resume --base-url …`). */
export interface RunConfigChange {
  /** ISO-8601 time of the change. */
  readonly at: string;
  /** The command that made it, e.g. 'resume'. */
  readonly command: string;
  /** Each changed setting, by RunConfig field name (`model.endpoint` for the base URL), with old and new value. */
  readonly changed: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

export interface NewRun {
  readonly kind: RunKind;
  readonly config: RunConfig;
  /** Items the run plans to evaluate. */
  readonly totalItems: number;
  /** ISO-8601 creation time (the caller owns the clock). */
  readonly createdAt: string;
  /** The process that creates the run and works on it. */
  readonly owner?: RunOwner;
}

export interface RunSummary {
  readonly runId: string;
  readonly kind: RunKind;
  readonly config: RunConfig;
  /**
   * `running` only while its owner is alive: a run stored as `running` whose owner process is gone (killed) reads
   * back as `interrupted` when the store knows how to check (SqliteRunStoreOptions.liveness).
   */
  readonly status: RunStatus;
  /** The process that last worked on the run (absent for runs stored before parity recorded it). */
  readonly owner?: RunOwner;
  /** Changes of the configuration since the run was created, oldest first (absent or empty: none). */
  readonly history?: readonly RunConfigChange[];
  /** Labels given with `parity label`, in the order given (absent or empty: none). */
  readonly labels?: readonly string[];
  readonly doneItems: number;
  readonly totalItems: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ModelResponse {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly timing: Timing;
  readonly prefillApplied: boolean;
  /** Log-likelihood requests: the log-likelihood of each continuation (`text` is the most likely one). */
  readonly logLikelihoods?: readonly number[];
  /** The request and response as exchanged with the server, when the provider recorded them. */
  readonly raw?: RawExchange;
  /**
   * Multi-step items (`MultiStepProtocol.runSteps`, MT-Bench): every request of the item in the order sent, the judge's
   * included. The item's own response is then its last 'model' step's, with usage and `timing.totalMs` summed
   * over the 'model' steps (judge usage stays in the judge steps).
   */
  readonly steps?: readonly ItemStep[];
}

/** One request of a multi-step item, as stored. */
export interface ItemStep {
  readonly name: string;
  readonly role: 'model' | 'judge';
  readonly repeat?: number;
  readonly request: GenerateRequest;
  readonly response: ModelResponse;
  readonly cached: boolean;
  readonly attempts: number;
  readonly cacheKey: string;
}

/** One item's stored outcome. Written as soon as the item completes. */
export interface ItemRecord {
  readonly itemId: string;
  /** Sample index for pass@k-style repeats; 0 otherwise. */
  readonly sample: number;
  readonly group?: string;
  readonly status: 'ok' | 'error';
  readonly request: GenerateRequest;
  readonly response?: ModelResponse;
  readonly error?: { readonly name: string; readonly message: string };
  readonly extracted: string | null;
  readonly scores: Readonly<Record<string, number | null>>;
  /** Whether the response came from the cache instead of the endpoint. */
  readonly cached: boolean;
  readonly attempts: number;
  readonly cacheKey: string;
}

/** An item's outcome without its request and response text: what scoring, statistics and costs need. */
export interface ItemOutcome {
  readonly itemId: string;
  readonly sample: number;
  readonly group?: string;
  readonly status: 'ok' | 'error';
  readonly extracted: string | null;
  readonly scores: Readonly<Record<string, number | null>>;
  readonly error?: { readonly name: string; readonly message: string };
  /** The response's usage; undefined for failed items. */
  readonly usage?: Usage;
  readonly cached: boolean;
}

/**
 * What the viewer reads of an item without its texts (request, response text, raw exchange): the outcome, the
 * response's timing and finish reason, and `sequence`, which grows with every write of a record (a re-recorded
 * item gets a new one), so that a reader can ask for what was written since it last looked.
 */
export interface ItemDigest extends ItemOutcome {
  readonly sequence: number;
  readonly attempts: number;
  readonly timing?: Timing;
  readonly finishReason?: FinishReason;
}

export interface StoredRun extends RunSummary {
  readonly items: readonly ItemRecord[];
}

/** Generation settings a run replaced in every request of its protocol. */
export interface GenerationOverrides {
  readonly maxTokens?: number;
  readonly systemPrompt?: string;
  readonly reasoningEffort?: string;
}
