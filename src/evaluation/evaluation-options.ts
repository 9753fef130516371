import type {
  Benchmark,
  CodeExecutor,
  GenerationOverrides,
  Item,
  ItemRecord,
  LanguageModel,
  Protocol,
  RunStore,
} from '../spec/index.ts';
import type { RequestGate } from '../runner/request-gate.ts';
import type { RunnerEvent } from '../runner/runner-event.ts';

export interface EvaluationOptions {
  readonly store: RunStore;
  readonly runId: string;
  readonly model: LanguageModel;
  readonly benchmark: Benchmark;
  readonly protocol: Protocol;
  readonly items: readonly Item[];
  readonly concurrency: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  /** When false, the response cache is neither read nor trusted (responses are still stored). */
  readonly useCache: boolean;
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunnerEvent) => void;
  /**
   * Called with each item record as soon as it is scored (`parity eval --stop-when-decided` watches the scores).
   * The record itself is committed with its batch (group commit) shortly after, and always before the run ends:
   * waiting for the commit would let the monitor decide up to a batch of items late.
   */
  readonly onRecord?: (record: ItemRecord) => void;
  /** Samples per item (pass@k); sample i > 0 has its own cache entry. Default 1. */
  readonly samples?: number;
  /** Replace the protocol's temperature / top-p (sampling for pass@k). */
  readonly temperature?: number;
  readonly topP?: number;
  /** Tokens the model may think (`--reasoning-allowance`), added to every request; undefined leaves the provider's. */
  readonly reasoningAllowanceTokens?: number;
  /** `--max-tokens`, `--system-prompt`, `--reasoning-effort`, applied to every request. */
  readonly generationOverrides?: GenerationOverrides;
  /**
   * Runs model-written code for protocols with `scoreAsync`. Such items are recorded when their execution
   * ends, not when the response arrives: a run killed in between requests those responses again on resume.
   */
  readonly executor?: CodeExecutor;
  /** Protocols graded by a judge (`needsJudge` of a multi-step protocol, MT-Bench): the judge model and judgments per graded turn. */
  readonly judge?: { readonly model: LanguageModel; readonly repeats: number };
  /** Adaptive concurrency and per-minute limits of a model's endpoint and key (`--rpm`, `--tpm`); none when undefined. */
  readonly gateFor?: (model: LanguageModel) => RequestGate | undefined;
}

export interface EvaluationResult {
  /** Items requested in this call (items already completed in the run are skipped). */
  readonly planned: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: boolean;
}
