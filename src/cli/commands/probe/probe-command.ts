import { listBenchmarks } from '../../../benchmarks/registry.ts';
import { probeProvider } from '../../../providers/probe-provider.ts';
import { resolveModelSpec } from '../../../providers/registry.ts';
import { InputError, type ContextWindow, type ModelCapabilities } from '../../../spec/index.ts';
import { endpointContextWindow } from '../../endpoint-context-window.ts';
import type { CliIo } from '../../cli-io.ts';
import { modelFromSpec } from '../../model-from-spec.ts';
import { parseSecondsAsMs } from '../../parse-options.ts';
import { runnableProtocols } from '../../protocol-support.ts';

export interface ProbeFlags {
  readonly model: string;
  readonly baseUrl?: string;
  readonly json?: boolean;
  readonly timeout?: string;
}

const labels: readonly [keyof ModelCapabilities, string, string][] = [
  ['chat', 'chat', 'chat'],
  ['completions', 'completions', 'completions'],
  ['logLikelihood', 'echo+logprobs (log-likelihood)', 'log_likelihood'],
  ['streamedUsage', 'streamed usage', 'streamed_usage'],
  ['jsonSchemaOutput', 'JSON-schema output', 'json_schema_output'],
  ['seed', 'seed', 'seed'],
  ['toolCalls', 'tool calling (tools / tool_calls)', 'tool_calls'],
  ['prefill', 'prefill (reply started with the answer prefix)', 'prefill'],
  ['thinking', 'thinking budget', 'thinking'],
];
/** Rows printed only when the provider's probe tested them. */
const optionalRows: readonly (keyof ModelCapabilities)[] = ['prefill', 'thinking', 'toolCalls'];

/** `parity probe`: what the endpoint supports and which protocols it can run. */
export async function probeCommand(flags: ProbeFlags, io: CliIo): Promise<number> {
  const timeoutMs = parseSecondsAsMs('--timeout', flags.timeout) ?? 30_000;
  const { provider } = resolveModelSpec(flags.model);
  const model = modelFromSpec(io, {
    spec: flags.model,
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
  });
  let capabilities: ModelCapabilities;
  let probed: boolean;
  let contextWindow: ContextWindow | undefined;
  const callOptions = { timeoutMs, ...(io.signal ? { signal: io.signal } : {}) };
  try {
    ({ capabilities, probed } = await probeProvider(provider, model, callOptions));
    contextWindow = await endpointContextWindow({ model, modelSpec: flags.model, callOptions });
  } finally {
    await model.close?.();
  }
  if (probed && !capabilities.chat && !capabilities.completions) {
    throw new InputError(
      `${model.identity.endpoint} answered neither chat nor completions: ${(capabilities.notes ?? []).join('; ')}`,
      { location: '--model' },
    );
  }
  const protocols = runnableProtocols(listBenchmarks(), capabilities);
  if (flags.json) {
    const supports = Object.fromEntries(
      labels.map(([key, , jsonName]) => [jsonName, capabilities[key] ?? null]),
    );
    io.stdout(
      `${JSON.stringify(
        {
          model: flags.model,
          provider: model.identity.provider,
          endpoint: model.identity.endpoint,
          probed,
          supports,
          protocols,
          context_window: contextWindow ?? null,
          notes: capabilities.notes ?? [],
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  io.stdout(
    `${model.identity.provider} ${model.identity.endpoint} (${model.identity.modelId})${probed ? '' : ' — from the API documentation, not probed'}\n`,
  );
  for (const [key, label] of labels) {
    const value = capabilities[key];
    if (value === undefined && optionalRows.includes(key)) continue;
    io.stdout(`  ${value === true ? 'yes' : value === false ? 'no ' : '?  '}  ${label}\n`);
  }
  io.stdout(
    contextWindow === undefined
      ? 'context window: unknown (the endpoint reports none and the catalog lists none)\n'
      : `context window: ${contextWindow.tokens} tokens (${contextWindow.source})\n`,
  );
  io.stdout(`protocols it can run: ${protocols.join(', ') || 'none'}\n`);
  for (const note of capabilities.notes ?? []) io.stdout(`  note: ${note}\n`);
  return 0;
}
