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
export { createRequestGate } from './request-gate.ts';
export type { RequestGate, RequestGateSnapshot, RequestPermit, RequestResult } from './request-gate.ts';
export { createRequestGateRegistry } from './request-gate-registry.ts';
export type { GateSettings, RequestGateRegistry } from './request-gate-registry.ts';
