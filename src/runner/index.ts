export { runRequests } from './run-requests.ts';
export type {
  PlannedRequest,
  RequestOutcome,
  RunRequestsOptions,
  RunRequestsResult,
} from './run-requests.ts';
export type { RunnerEvent } from './runner-event.ts';
export { responseCacheKey } from './cache-key.ts';
export type { ResponseCacheKeyInput } from './cache-key.ts';
export { createProgressTracker } from './progress-tracker.ts';
export type { ProgressState, ProgressTracker, ProgressTrackerOptions } from './progress-tracker.ts';
export { backoffDelay, defaultRetryBaseDelayMs, defaultRetryMaxDelayMs } from './backoff-delay.ts';
