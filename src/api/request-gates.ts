import { createRequestGateRegistry } from '../runner/request-gate-registry.ts';
import type { RequestGate } from '../runner/request-gate.ts';
import type { LanguageModel } from '../spec/index.ts';
import { modelKeyOf } from './create-model.ts';

/** Request limits of `evaluate`, as `parity eval --rpm/--tpm/--no-adaptive-concurrency` (docs/cli.md). */
export interface RequestLimitOptions {
  /** Lower the requests in flight when the endpoint pushes back (429/503/529), raise them again after. Default true. */
  readonly adaptiveConcurrency?: boolean;
  /** Requests per minute at most, per endpoint and key. */
  readonly requestsPerMinute?: number;
  /** Tokens per minute at most, per endpoint and key. */
  readonly tokensPerMinute?: number;
}

/** One registry per process: evaluations on one endpoint and key share its budget, as in one CLI call. */
const registry = createRequestGateRegistry({ now: () => performance.now() });

/** The gate of the model's endpoint and key; the first evaluation on a bucket sets its limits. */
export function requestGateFor(
  model: LanguageModel,
  options: RequestLimitOptions & { readonly ceiling: number },
): RequestGate {
  const apiKey = modelKeyOf(model);
  return registry.gateFor({
    identity: model.identity,
    ...(apiKey ? { apiKey } : {}),
    ceiling: options.ceiling,
    adaptive: options.adaptiveConcurrency !== false,
    ...(options.requestsPerMinute === undefined ? {} : { requestsPerMinute: options.requestsPerMinute }),
    ...(options.tokensPerMinute === undefined ? {} : { tokensPerMinute: options.tokensPerMinute }),
  });
}
