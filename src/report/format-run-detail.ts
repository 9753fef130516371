import type { RunDetailView } from './view-model.ts';

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

function count(value: number | null): string {
  return value === null ? 'unknown' : String(value);
}

/**
 * The run page as text (`parity show`): configuration with the endpoint (never a secret: the store holds none),
 * status with its reason, tokens, cost (unless `cost: false`: the caller prints it with its price), latency
 * and errors. The score table follows it.
 */
export function formatRunDetail(detail: RunDetailView, options: { cost?: boolean } = {}): string {
  const { run, config } = detail;
  const pairs = (entries: readonly (readonly [string, string])[]): string =>
    entries.map(([label, value]) => `${label} ${value}`).join(', ');
  const lines: [string, string][] = [
    ['model', `${config.modelSpec} (provider ${config.provider}, model id ${config.modelId})`],
    ['endpoint', config.endpoint],
    ['protocol', `${run.benchmark} ${run.protocol} v${config.protocolVersion}`],
    ['generation', pairs(config.generation)],
    ['settings', pairs(config.settings)],
    ['data', run.dataset === undefined ? 'fingerprint not recorded' : `fingerprint ${run.dataset}`],
    ['parity', config.parityVersion ?? 'version not recorded'],
    ['status', `${run.status}${detail.statusReason ? ` — ${detail.statusReason}` : ''}`],
    ['tokens', `in ${count(run.inputTokens)}, out ${count(run.outputTokens)}`],
    ...(options.cost === false
      ? []
      : [
          ['cost', run.costUsd === undefined ? 'no price known' : `$${run.costUsd.toFixed(4)}`] as [
            string,
            string,
          ],
        ]),
    [
      'latency',
      `p50 ${ms(detail.latencyMs.p50)}, p90 ${ms(detail.latencyMs.p90)}, p99 ${ms(detail.latencyMs.p99)} (${detail.latencyMs.count} timed items)`,
    ],
    [
      'errors',
      `${run.errors}${detail.errorKinds.length > 0 ? ` (${detail.errorKinds.map((kind) => `${kind.name} × ${kind.count}: ${kind.example}`).join('; ')})` : ''}`,
    ],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

/** The run page's facts as JSON (`parity show --json`, field `run`), snake_case. */
export function runDetailJson(detail: RunDetailView): Record<string, unknown> {
  const { run, config } = detail;
  return {
    status: run.status,
    status_reason: detail.statusReason,
    model_spec: config.modelSpec,
    provider: config.provider,
    endpoint: config.endpoint,
    model_id: config.modelId,
    protocol_version: config.protocolVersion,
    generation: Object.fromEntries(config.generation),
    settings: Object.fromEntries(config.settings),
    dataset: run.dataset ?? null,
    parity_version: config.parityVersion,
    input_tokens: run.inputTokens,
    output_tokens: run.outputTokens,
    cost_usd: run.costUsd ?? null,
    latency_ms: detail.latencyMs,
    errors: run.errors,
    errors_by_kind: detail.errorKinds,
    groups: Object.fromEntries(
      detail.groups.map((group) => [group.name, { value: group.value, ci95: group.ci95, n: group.n }]),
    ),
  };
}
