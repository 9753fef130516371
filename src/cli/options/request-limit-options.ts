import { keyVariablesFor, parseModelSpec } from '../../providers/create-language-model.ts';
import { createRequestGateRegistry, type RequestGateRegistry } from '../../runner/request-gate-registry.ts';
import type { RequestGate, RequestGateSnapshot } from '../../runner/request-gate.ts';
import type { LanguageModel } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { readProviderKey } from '../model-from-spec.ts';
import { parseWholeNumber } from '../parse-options.ts';

/** `--adaptive-concurrency` / `--no-adaptive-concurrency`, `--rpm`, `--tpm` of `parity eval` and `parity resume`. */
export interface RequestLimitFlags {
  readonly adaptiveConcurrency?: boolean;
  readonly rpm?: string;
  readonly tpm?: string;
}

export interface RequestLimits {
  readonly adaptive: boolean;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

export function parseRequestLimitFlags(flags: RequestLimitFlags): RequestLimits {
  const requestsPerMinute = parseWholeNumber('--rpm', flags.rpm);
  const tokensPerMinute = parseWholeNumber('--tpm', flags.tpm);
  return {
    adaptive: flags.adaptiveConcurrency !== false,
    ...(requestsPerMinute === undefined ? {} : { requestsPerMinute }),
    ...(tokensPerMinute === undefined ? {} : { tokensPerMinute }),
  };
}

// One registry per CLI invocation (one per process in real use): models sharing a key share its budget.
const registries = new WeakMap<CliIo, RequestGateRegistry>();

function registryFor(io: CliIo): RequestGateRegistry {
  let registry = registries.get(io);
  if (!registry) {
    registry = createRequestGateRegistry({ now: io.monotonicMs });
    registries.set(io, registry);
  }
  return registry;
}

export interface OpenedGates {
  /** The gate of a model opened with `open`; undefined for any other model. */
  readonly gateFor: (model: LanguageModel) => RequestGate | undefined;
  /** Registers a model built from `spec`: its gate is the one of its provider, endpoint and key. */
  readonly open: (model: LanguageModel, spec: string) => RequestGate;
}

/**
 * Gates for the models of one command. The key is read again from the same variables `modelFromSpec` read,
 * only to tell keys apart; the registry keeps neither it nor anything a log could show.
 */
export function openRequestGates(
  io: CliIo,
  options: { limits: RequestLimits; ceiling: number },
): OpenedGates {
  const gates = new Map<LanguageModel, RequestGate>();
  return {
    gateFor: (model) => gates.get(model),
    open(model, spec) {
      const apiKey = readProviderKey(io, keyVariablesFor(parseModelSpec(spec)));
      const gate = registryFor(io).gateFor({
        identity: model.identity,
        ...(apiKey ? { apiKey } : {}),
        ceiling: options.ceiling,
        ...options.limits,
      });
      gates.set(model, gate);
      return gate;
    },
  };
}

/**
 * One line when the endpoint pushed back, e.g. `openai:gpt-4o: 12 overload answers (429/503/529);
 * adaptive concurrency went down to 2, now 4 of 16`; undefined when it never did.
 */
export function formatGateNote(options: {
  label: string;
  snapshot: RequestGateSnapshot;
}): string | undefined {
  const { label, snapshot } = options;
  if (snapshot.overloadAnswers === 0) return undefined;
  const answers = `${snapshot.overloadAnswers} overload answer${snapshot.overloadAnswers === 1 ? '' : 's'} (429/503/529)`;
  if (!snapshot.adaptive) return `${label}: ${answers}; adaptive concurrency is off`;
  return `${label}: ${answers}; adaptive concurrency went down to ${snapshot.lowestLimit}, now ${snapshot.limit} of ${snapshot.ceiling}`;
}

/** The notes of several gates, each gate once (a judge on the model's key shares its gate). */
export function formatGateNotes(gated: readonly { label: string; gate: RequestGate }[]): string[] {
  const seen = new Set<RequestGate>();
  const notes: string[] = [];
  for (const { label, gate } of gated) {
    if (seen.has(gate)) continue;
    seen.add(gate);
    const note = formatGateNote({ label, snapshot: gate.snapshot() });
    if (note) notes.push(note);
  }
  return notes;
}
