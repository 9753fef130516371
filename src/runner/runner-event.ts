import type { ProviderErrorKind, Usage } from '../spec/index.ts';

/**
 * Progress of `runRequests`, one event at a time:
 * - `request-start`: an attempt is sent to the model (not emitted for cache hits);
 * - `retry`: an attempt failed with a retryable error and the next one starts after `delayMs`;
 * - `request-end`: a planned request has its outcome (once per outcome, cache hits included). `usage` is the
 *   response's usage; requests dropped by cancellation have no `request-end`.
 */
export type RunnerEvent =
  | {
      readonly type: 'request-start';
      readonly itemId: string;
      readonly sample: number;
      /** 1 for the first attempt. */
      readonly attempt: number;
    }
  | {
      readonly type: 'retry';
      readonly itemId: string;
      readonly sample: number;
      /** The attempt that failed. */
      readonly attempt: number;
      readonly delayMs: number;
      readonly message: string;
    }
  | {
      readonly type: 'request-end';
      readonly itemId: string;
      readonly sample: number;
      readonly status: 'ok' | 'error';
      readonly cached: boolean;
      readonly attempts: number;
      readonly usage?: Usage;
      /** Multi-step items graded by a judge: the usage of the judge's calls that were not cache hits. */
      readonly judgeUsage?: Usage;
      readonly errorMessage?: string;
      /** The final error's ProviderErrorKind, when it has one (a prompt too long, no quota …). */
      readonly errorKind?: ProviderErrorKind;
    };
