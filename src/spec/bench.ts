// Types of `parity bench` (serving performance under load). Definitions: docs/bench.md.

/** The load of one sweep step: closed-loop (fixed requests in flight) or open-loop (arrival rate). */
export type BenchLoad =
  | { readonly type: 'concurrency'; readonly concurrency: number }
  | {
      readonly type: 'request-rate';
      /** Mean arrivals per second. */
      readonly requestRate: number;
      /** Gamma shape of the inter-arrival times; 1 is a Poisson process, below 1 burstier, above 1 steadier. */
      readonly burstiness: number;
    };

/** What one benchmark request measured. Times are milliseconds on the client's monotonic clock. */
export interface BenchRequestSample {
  /** Send time, relative to the step's start. */
  readonly startMs: number;
  readonly status: 'ok' | 'error';
  /** Send → first chunk with non-empty text (parity's TTFT). */
  readonly ttftMs?: number;
  /**
   * Send → first chunk with a non-empty `choices` array, even one without text such as the role-only first
   * chunk of a chat stream (vLLM benchmark_serving's TTFT). Absent in steps stored before it was measured.
   */
  readonly ttftFirstChunkMs?: number;
  /**
   * Send → first chunk with non-empty reasoning text (`reasoning_content`/`reasoning`): a reasoning model's
   * first thinking token, eval's `Timing.reasoningTtftMs`. Absent when no reasoning streamed.
   */
  readonly ttftReasoningMs?: number;
  /**
   * Send → first chunk with non-empty answer text (`delta.content`, completions `text`): eval's
   * `Timing.ttftMs`. Equal to `ttftMs` for models that stream no reasoning; absent when no answer text came.
   */
  readonly ttftContentMs?: number;
  /** Send → last chunk with non-empty text. */
  readonly e2elMs?: number;
  /** Gaps between successive non-empty text chunks (the first chunk's TTFT excluded). */
  readonly itlMs: readonly number[];
  /** Server-reported prompt tokens (else the requested count). */
  readonly inputTokens?: number;
  /** Server-reported completion tokens (else the number of non-empty text chunks). */
  readonly outputTokens?: number;
  /** Whether `outputTokens` came from the server's `usage` (true) or from counting chunks (false). */
  readonly outputTokensFromServer?: boolean;
  /** One line, for failed requests. */
  readonly error?: string;
}

/** Distribution of one latency metric over a step's successful requests, in milliseconds. */
export interface LatencyStats {
  /** Samples the statistics are computed from; every other field is undefined when 0. */
  readonly count: number;
  readonly mean?: number;
  /** Population standard deviation (numpy's default, as vLLM reports). */
  readonly std?: number;
  /** Percentiles by linear interpolation between closest ranks (numpy's default). */
  readonly median?: number;
  readonly p90?: number;
  readonly p95?: number;
  readonly p99?: number;
}

/** Service-level objectives for goodput, in milliseconds; a request is good when it meets every one given. */
export interface BenchSlo {
  readonly ttftMs?: number;
  readonly tpotMs?: number;
  readonly e2elMs?: number;
}

/** Self-hosting cost at a step's measured throughput. */
export interface BenchStepCost {
  readonly gpuHourlyUsd: number;
  readonly gpus: number;
  /** Undefined when the step produced no tokens. */
  readonly usdPerMillionOutputTokens?: number;
  readonly usdPerMillionTotalTokens?: number;
}

/** Metrics of one sweep step. Throughputs are per second of `durationS`. */
export interface BenchStepMetrics {
  readonly load: BenchLoad;
  readonly completed: number;
  readonly failed: number;
  /** failed / (completed + failed). */
  readonly errorRate: number;
  /** Step start (first send) → last request finished, in seconds. */
  readonly durationS: number;
  readonly totalInputTokens: number;
  readonly totalOutputTokens: number;
  /** Completed requests per second. */
  readonly requestThroughput: number;
  readonly outputThroughput: number;
  readonly totalTokenThroughput: number;
  /** Requests per second that met every SLO; undefined when no SLO was given. */
  readonly goodput?: number;
  readonly ttft: LatencyStats;
  /** TTFT to the first chunk with choices, vLLM's boundary (`ttftFirstChunkMs`); absent in older stored steps. */
  readonly ttftFirstChunk?: LatencyStats;
  /**
   * TTFT to the first reasoning token (`ttftReasoningMs`) over the requests that streamed reasoning; absent in
   * older stored steps.
   */
  readonly ttftReasoning?: LatencyStats;
  /** TTFT to the first answer token (`ttftContentMs`); absent in older stored steps. */
  readonly ttftContent?: LatencyStats;
  readonly tpot: LatencyStats;
  readonly itl: LatencyStats;
  readonly e2el: LatencyStats;
  /** Completed requests whose output token count was not reported by the server (counted from chunks). */
  readonly outputTokensCounted: number;
  /**
   * vLLM's `max_output_tokens_per_s`: the most text chunks (≈ tokens) received in one whole second, counted in
   * one-second buckets from the first successful request's send. Absent in older stored steps.
   */
  readonly maxOutputTokensPerS?: number;
  /** vLLM's `max_concurrent_requests`: the most successful requests in flight at once. Absent in older steps. */
  readonly maxConcurrentRequests?: number;
  readonly cost?: BenchStepCost;
}

/** A stored step: its metrics and the per-request samples they came from (for CDFs and curves). */
export interface BenchStepRecord {
  readonly stepIndex: number;
  readonly metrics: BenchStepMetrics;
  readonly requests: readonly BenchRequestSample[];
  /** The sweep's settings, repeated in every step so one record is self-describing. */
  readonly settings: BenchSettings;
}

/** Settings of a sweep that RunConfig has no field for. */
export interface BenchSettings {
  readonly endpoint: 'chat' | 'completions';
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Benchmark the prompts were drawn from; undefined for synthetic prompts. */
  readonly promptsFrom?: string;
  readonly ignoreEos: boolean;
  readonly seed: number;
  readonly requestsPerStep?: number;
  readonly durationPerStepS?: number;
  readonly warmupRequests: number;
  readonly slo?: BenchSlo;
  /** What served the endpoint (`parity bench --gpu TYPE[xCOUNT] --precision P`), so `parity tco --runs` can use it. */
  readonly hardware?: BenchHardware;
}

export interface BenchHardware {
  /** GPU type as given, e.g. `H100-80GB`. */
  readonly gpu: string;
  /** GPUs serving one replica of the endpoint. */
  readonly gpuCount: number;
  /** Weight precision, when given. */
  readonly precision?: 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4';
}
