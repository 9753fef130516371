import { redactedValue } from '../../../providers/shared/display-url.ts';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { loadProtocolItems } from '../../../benchmarks/load-protocol-items.ts';
import { getBenchmark, getProtocol } from '../../../benchmarks/registry.ts';
import { InputError, type ModelIdentity, type RunConfig, type RunSummary } from '../../../spec/index.ts';
import { parseSecondsAsMs, parseWholeNumber } from '../../parse-options.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { CliIo } from '../../cli-io.ts';
import { evaluateBenchmark } from '../../../evaluation/evaluate-benchmark.ts';
import { openSpendMeter } from '../../spend-control.ts';
import { modelFromSpec } from '../../model-from-spec.ts';
import { storePath } from '../../paths.ts';
import { printResults } from '../../print-results.ts';
import { resumeTaskRun } from '../../resume-task-run.ts';
import { openCodeExecutor, type CodeExecutionFlags } from '../../options/code-execution-options.ts';
import { cliEvaluationHost } from '../../evaluation-host.ts';
import {
  formatGateNotes,
  openRequestGates,
  parseRequestLimitFlags,
  type RequestLimitFlags,
} from '../../options/request-limit-options.ts';
import { executesCode } from '../../../evaluation/protocol-kind.ts';

export interface ResumeFlags
  extends Pick<CodeExecutionFlags, 'execJobs' | 'unsafeNoSandbox' | 'execTimeout'>, RequestLimitFlags {
  readonly store?: string;
  readonly json?: string | boolean;
  readonly cache: boolean;
  readonly download: boolean;
  /** Settings that replace the stored ones (the change is kept in the run's history). */
  readonly baseUrl?: string;
  readonly concurrency?: string;
  readonly timeout?: string;
  readonly retries?: string;
  readonly threads?: string;
  /** `--max-cost USD`: a cap on this resume's measured spend (not stored with the run). */
  readonly maxCost?: string;
}

/**
 * The base URL a stored model identity was reached at, to reconnect to the same server: every provider but
 * `local:` (whose endpoint is the model file) is rebuilt with it, presets (`vllm:` …) included.
 */
function storedBaseUrl(model: ModelIdentity): string | undefined {
  return model.provider === 'local' ? undefined : model.endpoint;
}

/** The stored configuration with this command line's overrides, and what changed (field → from, to). */
function overriddenConfig(
  config: RunConfig,
  flags: ResumeFlags,
): { config: RunConfig; changed: Record<string, { from: unknown; to: unknown }> } {
  const wanted: Partial<Record<'concurrency' | 'timeoutMs' | 'maxRetries' | 'execTimeoutMs', number>> = {
    concurrency: parseWholeNumber('--concurrency', flags.concurrency),
    timeoutMs: parseSecondsAsMs('--timeout', flags.timeout),
    maxRetries: parseWholeNumber('--retries', flags.retries, { min: 0 }),
    execTimeoutMs: parseSecondsAsMs('--exec-timeout', flags.execTimeout),
  };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  let next: RunConfig = config;
  for (const [field, value] of Object.entries(wanted) as [keyof typeof wanted, number | undefined][]) {
    if (value === undefined || value === config[field]) continue;
    changed[field] = { from: config[field], to: value };
    next = { ...next, [field]: value };
  }
  return { config: next, changed };
}

/** Refuses a run another live process is still working on (a killed one reads back as `interrupted`). */
function assertNotRunningElsewhere(summary: RunSummary, io: CliIo): void {
  const owner = summary.owner;
  if (summary.status !== 'running' || !owner) return;
  if (owner.pid === io.process?.pid && owner.host === io.process.host) return;
  throw new InputError(
    `run ${summary.runId} is still running in process ${owner.pid} on ${owner.host} (last heartbeat ${owner.heartbeatAt}); wait for it or stop it, then resume`,
  );
}

/**
 * `parity resume <run-id>`: finishes an interrupted, failed or killed run with its stored configuration.
 * Completed items are never requested again; items that failed are tried again.
 */
export async function resumeCommand(runId: string, flags: ResumeFlags, io: CliIo): Promise<number> {
  // Limits are how this process talks to the endpoint, not part of the run: they come from this command line.
  const limits = parseRequestLimitFlags(flags);
  const threads = parseWholeNumber('--threads', flags.threads);
  const store = openRunStore(io, { store: flags.store });
  try {
    const summary = store.getSummary(runId);
    if (!summary)
      throw new InputError(`no run '${runId}' in ${storePath(io, flags.store)} (see 'parity runs')`);
    if (summary.kind !== 'eval')
      throw new InputError(`run ${runId} is a ${summary.kind} run; only eval runs resume`);
    assertNotRunningElsewhere(summary, io);
    const overridden = overriddenConfig(summary.config, flags);
    let config = overridden.config;
    // Task runs (parity eval --task): protocol, items and sandbox from the stored task definition.
    const taskRun = config.task
      ? await resumeTaskRun(io, { ...config, task: config.task }, flags)
      : undefined;
    const benchmark = taskRun?.benchmark ?? getBenchmark(config.benchmark);
    const protocol = taskRun?.protocol ?? getProtocol(benchmark, config.protocol);
    if (protocol.version !== config.protocolVersion) {
      throw new InputError(
        `run ${runId} used ${config.protocol} v${config.protocolVersion}; this parity has v${protocol.version}, so its items would not be comparable. Start a new run.`,
      );
    }
    const source = cliDatasetSource(io, { directory: config.dataDir, allowDownload: flags.download });
    const items =
      taskRun?.items ??
      (await loadProtocolItems(benchmark, protocol, source, {
        ...(config.limit === undefined ? {} : { limit: config.limit }),
        ...(config.synthetic === undefined ? {} : { synthetic: config.synthetic }),
      }));
    // Code benchmarks: same wall-clock limit as the run started with; the sandbox is checked first.
    const executor = taskRun
      ? taskRun.executor
      : executesCode(protocol)
        ? await openCodeExecutor(io, {
            ...flags,
            ...(config.execTimeoutMs === undefined
              ? {}
              : { execTimeout: String(config.execTimeoutMs / 1000) }),
          })
        : undefined;
    // The stored endpoint, for every provider, unless --base-url replaces it.
    const stored = storedBaseUrl(config.model);
    if (flags.baseUrl === undefined && stored?.includes(`=${redactedValue}`)) {
      throw new InputError(
        `run ${runId}'s base URL carried a secret in its query string, which was not stored (${stored}): give the URL again with --base-url`,
      );
    }
    const baseUrl = flags.baseUrl ?? stored;
    const model = modelFromSpec(io, {
      spec: config.modelSpec,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(threads ? { threads } : {}),
    });
    const changed = { ...overridden.changed };
    if (model.identity.endpoint !== config.model.endpoint) {
      changed['model.endpoint'] = { from: config.model.endpoint, to: model.identity.endpoint };
      config = { ...config, model: model.identity };
    }
    if (Object.keys(changed).length > 0) {
      store.changeConfig(runId, {
        config,
        change: { at: io.now().toISOString(), command: 'resume', changed },
      });
      for (const [field, { from, to }] of Object.entries(changed)) {
        io.stderr(`${field}: ${String(from)} → ${String(to)} (kept in the run's history)\n`);
      }
    }
    // Judge-graded runs (mtbench) resume with the judge they started with.
    const judgeBaseUrl = config.judge ? storedBaseUrl(config.judge.model) : undefined;
    const judge = config.judge
      ? {
          model: modelFromSpec(io, {
            spec: config.judge.modelSpec,
            ...(judgeBaseUrl === undefined ? {} : { baseUrl: judgeBaseUrl }),
          }),
          repeats: config.judge.repeats,
        }
      : undefined;
    const gates = openRequestGates(io, { limits, ceiling: config.concurrency });
    const gated = [{ label: config.modelSpec, gate: gates.open(model, config.modelSpec) }];
    if (judge && config.judge) {
      gated.push({
        label: `judge ${config.judge.modelSpec}`,
        gate: gates.open(judge.model, config.judge.modelSpec),
      });
    }
    io.stderr(`resuming run ${runId}: ${summary.doneItems}/${summary.totalItems} items already stored\n`);
    try {
      const spend = openSpendMeter({
        flags: { ...(flags.maxCost === undefined ? {} : { maxCost: flags.maxCost }) },
        model,
        modelSpec: config.modelSpec,
        judge: judge?.model,
      });
      const result = await evaluateBenchmark({
        host: cliEvaluationHost(io),
        store,
        runId,
        model,
        benchmark,
        protocol,
        items,
        concurrency: config.concurrency,
        maxRetries: config.maxRetries,
        timeoutMs: config.timeoutMs,
        useCache: flags.cache,
        ...(config.samples === undefined ? {} : { samples: config.samples }),
        ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
        ...(config.topP === undefined ? {} : { topP: config.topP }),
        ...(config.reasoningAllowanceTokens === undefined
          ? {}
          : { reasoningAllowanceTokens: config.reasoningAllowanceTokens }),
        ...(config.generationOverrides === undefined
          ? {}
          : { generationOverrides: config.generationOverrides }),
        ...(executor ? { executor } : {}),
        ...(judge ? { judge } : {}),
        gateFor: gates.gateFor,
        spend,
      });
      await printResults(io, [result], flags.json);
    } finally {
      await model.close?.();
      await judge?.model.close?.();
      for (const note of formatGateNotes(gated)) io.stderr(`${note}\n`);
    }
  } finally {
    store.close();
  }
  return 0;
}
