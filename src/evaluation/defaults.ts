/**
 * The engine's defaults, given once: `parity eval`, `parity eval --task`, `parity resume`, the judge commands
 * (`parity score mtbench`, judge samples) and the library's `evaluate` all read them here, and the CLI's help
 * texts print them from here.
 */
export const EVAL_DEFAULTS = {
  /** Requests in flight (`--concurrency`). */
  concurrency: 8,
  /** Per-request timeout in milliseconds (`--timeout`, given in seconds). */
  timeoutMs: 120_000,
  /** Retries per request after the first attempt, for retryable errors (`--retries`). */
  maxRetries: 5,
  /** Samples per item (`--samples`). */
  samples: 1,
  /** Judgments per graded turn (`--judge-repeats`). */
  judgeRepeats: 1,
} as const;

/** `--stop-when-decided`: the sequential test's level α and the seed of the items' random order. */
export const STOP_WHEN_DECIDED_DEFAULTS = { level: 0.05, orderSeed: 0 } as const;
