/**
 * Every default value of the CLI's options, given once (docs/decisions/0220-cli-layout.md). Help texts, option
 * parsing and the library API read them from here. Engine defaults may move to the evaluation layer; this module
 * then re-exports them so the CLI keeps one place to look.
 */

/** Requests of `eval` (also the library's `evaluate`) and of the judge in `score --judge`. */
import { EVAL_DEFAULTS, STOP_WHEN_DECIDED_DEFAULTS } from '../../evaluation/defaults.ts';

export { EVAL_DEFAULTS };

/** Judge requests of `score --samples … --judge` and of `score mtbench`: the same settings as `eval`. */
export const JUDGE_DEFAULTS = EVAL_DEFAULTS;

/** `--store`: relative to the working directory; PARITY_STORE overrides it. */
export const STORE_DEFAULT = './.parity/parity.db';

export const COMPARE_DEFAULTS = { level: 0.05 } as const;

export const PLAN_DEFAULTS = { power: 0.8, level: 0.05 } as const;

/** `plan` without --from or --discordance: share of items two models disagree on (measured 0.23–0.41). */
export const DEFAULT_DISCORDANCE = 0.3;

/** `eval --stop-when-decided`: the help texts' defaults (the values the sequential monitor uses). */
export const STOP_WHEN_DECIDED_OPTION_DEFAULTS = STOP_WHEN_DECIDED_DEFAULTS;

export const SERVE_DEFAULTS = { host: '127.0.0.1', port: 8080 } as const;

export const VIEW_DEFAULTS = { host: '127.0.0.1', port: 4848 } as const;

export const BENCH_DEFAULTS = {
  inputTokens: 256,
  outputTokens: 128,
  warmup: 1,
  seed: 0,
  timeoutMs: 300_000,
  gpus: 1,
} as const;

/** Code execution (`--exec-timeout`) per program. */
export const EXEC_DEFAULTS = { timeoutMs: 3000 } as const;

/** On a terminal, `eval` asks before a run estimated to cost more than this (USD). */
export const CONFIRM_ABOVE_USD = 5;

/** `parity worker`: jobs in flight, a job's visibility timeout, the SIGTERM grace period and the idle poll. */
export const WORKER_DEFAULTS = {
  concurrency: 4,
  expireSeconds: 300,
  graceSeconds: 30,
  pollMs: 1000,
} as const;
