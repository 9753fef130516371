import { parseSecondsAsMs, parseWholeNumber } from '../parse-options.ts';
import { EVAL_DEFAULTS } from './defaults.ts';

export interface RequestSettingFlags {
  readonly concurrency?: string;
  readonly timeout?: string;
  readonly retries?: string;
}

export interface RequestSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

/** `--concurrency`, `--timeout` (seconds) and `--retries`, each falling back to its one default (defaults.ts). */
export function parseRequestSettings(
  flags: RequestSettingFlags,
  defaults: RequestSettings = EVAL_DEFAULTS,
): RequestSettings {
  return {
    concurrency: parseWholeNumber('--concurrency', flags.concurrency) ?? defaults.concurrency,
    timeoutMs: parseSecondsAsMs('--timeout', flags.timeout) ?? defaults.timeoutMs,
    maxRetries: parseWholeNumber('--retries', flags.retries, { min: 0 }) ?? defaults.maxRetries,
  };
}
