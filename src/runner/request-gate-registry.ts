import { createHmac, randomBytes } from 'node:crypto';
import type { ModelIdentity } from '../spec/index.ts';
import { createRequestGate, type RequestGate, type RequestGateOptions } from './request-gate.ts';

export interface GateSettings {
  /** Most calls in flight on this endpoint and key (`--concurrency`). */
  readonly ceiling: number;
  readonly adaptive: boolean;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

export interface RequestGateRegistry {
  /**
   * The gate of a provider, endpoint and key: models that share all three share one gate (one concurrency
   * limit, one per-minute budget) — an evaluated model and a judge on the same key, say. The key is used
   * only to tell keys apart and is not kept; the first caller's settings hold for a shared gate.
   */
  gateFor(
    options: GateSettings & { readonly identity: ModelIdentity; readonly apiKey?: string },
  ): RequestGate;
}

export interface RequestGateRegistryOptions {
  readonly now: () => number;
  readonly sleep?: RequestGateOptions['sleep'];
  readonly onLimitChange?: (
    identity: ModelIdentity,
    change: Parameters<NonNullable<RequestGateOptions['onLimitChange']>>[0],
  ) => void;
}

/**
 * Gates per (provider, endpoint, key) for one process. Keys are told apart by an HMAC-SHA-256 under a salt
 * drawn when the registry is created and never exposed: the fingerprint cannot be reversed or matched
 * against a guessed key outside this process, and it lives only as a private map key — never in a gate,
 * a snapshot, an event or a message.
 */
export function createRequestGateRegistry(options: RequestGateRegistryOptions): RequestGateRegistry {
  const salt = randomBytes(32);
  const gates = new Map<string, RequestGate>();
  return {
    gateFor({ identity, apiKey, ...settings }) {
      const fingerprint = apiKey ? createHmac('sha256', salt).update(apiKey).digest('base64url') : '';
      const bucket = JSON.stringify([identity.provider, identity.endpoint, fingerprint]);
      let gate = gates.get(bucket);
      if (!gate) {
        gate = createRequestGate({
          ...settings,
          now: options.now,
          ...(options.sleep ? { sleep: options.sleep } : {}),
          ...(options.onLimitChange
            ? { onLimitChange: (change) => options.onLimitChange?.(identity, change) }
            : {}),
        });
        gates.set(bucket, gate);
      }
      return gate;
    },
  };
}
