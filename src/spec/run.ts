import type { FinishReason, GenerateRequest, ModelIdentity, Timing, Usage } from './language-model.ts';

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
  readonly dataDir?: string;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export interface NewRun {
  readonly kind: RunKind;
  readonly config: RunConfig;
  /** Items the run plans to evaluate. */
  readonly totalItems: number;
  /** ISO-8601 creation time (the caller owns the clock). */
  readonly createdAt: string;
}

export interface RunSummary {
  readonly runId: string;
  readonly kind: RunKind;
  readonly config: RunConfig;
  readonly status: RunStatus;
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

export interface StoredRun extends RunSummary {
  readonly items: readonly ItemRecord[];
}
