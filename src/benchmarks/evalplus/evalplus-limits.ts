/**
 * EvalPlus's time limits (evalplus/evalplus@26d6d00b): evalplus/config.py lines 2-3 (`DEFAULT_GT_TIME_LIMIT_FACTOR
 * = 4.0`, `DEFAULT_MIN_TIME_LIMIT = 4.0`) and eval/__init__.py lines 237-238 (each input may take
 * max(min, factor × its ground-truth time) seconds; a suite min(EVALPLUS_TIMEOUT_PER_TASK = 60, Σ limits) + 1).
 */
export const evalPlusLimits = {
  minTimeLimitSeconds: 4,
  groundTruthFactor: 4,
  perTaskSeconds: 60,
} as const;

/**
 * parity's wall-clock backstop for one program (`--exec-timeout` does not apply): room for the ground truth
 * (recomputed in each program; the slowest task, Mbpp/599, takes 35-70 s on a shared 2-core machine) plus
 * upstream's longest suite, min(60, Σ) + 1 s, and the 1 s upstream waits in `join`. Only a program that ignores
 * the in-program alarms runs into it; it fails, as it would upstream.
 */
export const evalPlusProgramTimeoutMs = (120 + evalPlusLimits.perTaskSeconds + 2) * 1000;

/**
 * Address space of every program: EvalPlus's 4 GiB (eval/__init__.py `query_maximum_memory_bytes`, lines 99-108,
 * `EVALPLUS_MAX_MEMORY_BYTES`), instead of the sandbox's usual 1 GiB. The ground truth shares it (upstream computes
 * it unbounded, in the parent): Mbpp/255's plus outputs alone take over 1 GiB.
 */
export const evalPlusAddressSpaceBytes = 4 * 1024 ** 3;
