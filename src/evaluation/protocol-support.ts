import type { Benchmark, LanguageModel, ModelCapabilities, Protocol } from '../spec/index.ts';
import { InputError, ProviderError } from '../spec/index.ts';
import { protocolNeeds } from './protocol-kind.ts';

/** The protocols of `benchmarks` an endpoint with these capabilities can run. */
export function runnableProtocols(
  benchmarks: readonly Benchmark[],
  capabilities: ModelCapabilities,
): string[] {
  const generates = capabilities.chat === true || capabilities.completions === true;
  return benchmarks.flatMap((benchmark) =>
    benchmark.protocols
      .filter((protocol) =>
        protocolNeeds(protocol) === 'log-likelihood'
          ? capabilities.logLikelihood === true
          : generates && (protocol.needsStructuredOutput !== true || capabilities.jsonSchemaOutput === true),
      )
      .filter((protocol) => protocol.needsToolCalls !== true || capabilities.toolCalls === true)
      .map((protocol) => protocol.id),
  );
}

/**
 * The capability a protocol needs that the provider documents it never sends (`false` in its registry entry:
 * `local:` has no tools and no JSON-schema output), named as `parity probe` names it.
 */
function lackingCapability(protocol: Protocol, documented: ModelCapabilities): string | undefined {
  if (protocol.needsToolCalls === true && documented.toolCalls === false) return 'native tool calling';
  if (protocol.needsStructuredOutput === true && documented.jsonSchemaOutput === false) {
    return 'JSON-schema output (structured output)';
  }
  return undefined;
}

/**
 * Refuses, before any run is created, a protocol the endpoint cannot run: one needing tools or JSON-schema
 * output on a provider that never sends them, a log-likelihood protocol on a provider without log-likelihoods,
 * or on an endpoint whose test request for one fails for good. The one-line InputError (exit 2) says why and
 * which protocol to use instead.
 */
export async function assertProtocolsSupported(options: {
  model: LanguageModel;
  modelSpec: string;
  /** What the provider's documentation says it supports (the provider registry's `documentedCapabilities`). */
  documented: ModelCapabilities | undefined;
  benchmarks: readonly Benchmark[];
  protocols: readonly Protocol[];
  timeoutMs: number;
}): Promise<void> {
  const documented = options.documented ?? {};
  for (const [index, protocol] of options.protocols.entries()) {
    const benchmark = options.benchmarks[index];
    const lacking = lackingCapability(protocol, documented);
    if (lacking !== undefined) {
      const other = benchmark?.protocols.find((each) => lackingCapability(each, documented) === undefined);
      throw new InputError(
        `${protocol.id} needs ${lacking}, which ${options.modelSpec} (${options.model.identity.provider}) cannot give${other ? `; use --protocol ${other.id} instead` : ''}`,
        { location: '--protocol' },
      );
    }
    if (protocolNeeds(protocol) !== 'log-likelihood') continue;
    const instead = benchmark ? `; use --protocol ${benchmark.defaultProtocol} instead` : '';
    const { model } = options;
    if (!model.logLikelihood) {
      throw new InputError(
        `${protocol.id} needs log-likelihoods, which ${options.modelSpec} (${model.identity.provider}) cannot give${instead}`,
        { location: '--protocol' },
      );
    }
    try {
      await model.logLikelihood(
        { context: 'The sky is', continuations: [' blue'] },
        { timeoutMs: options.timeoutMs },
      );
    } catch (error) {
      // A transient failure is the runner's to retry; only a definite refusal stops the run here.
      if (error instanceof ProviderError && error.isRetryable) continue;
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(
        `${protocol.id} needs log-likelihoods (/v1/completions with echo and logprobs) and ${model.identity.endpoint} cannot give them (${reason})${instead}`,
        { location: '--protocol' },
      );
    }
  }
}
