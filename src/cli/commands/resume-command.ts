import { cliDatasetSource } from '../cli-dataset-source.ts';
import { loadProtocolItems } from '../../benchmarks/load-protocol-items.ts';
import { getBenchmark, getProtocol } from '../../benchmarks/registry.ts';
import { openSqliteRunStore } from '../../store/sqlite-run-store.ts';
import { InputError } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { evaluateBenchmark } from '../evaluate-benchmark.ts';
import { modelFromSpec } from '../model-from-spec.ts';
import { storePath } from '../paths.ts';
import { printResults } from './eval-command.ts';
import { openCodeExecutor, type CodeExecutionFlags } from '../code-execution-options.ts';
import {
  formatGateNotes,
  openRequestGates,
  parseRequestLimitFlags,
  type RequestLimitFlags,
} from '../request-limit-options.ts';

export interface ResumeFlags
  extends Pick<CodeExecutionFlags, 'execJobs' | 'unsafeNoSandbox'>, RequestLimitFlags {
  readonly store?: string;
  readonly json?: string;
  readonly cache: boolean;
  readonly download: boolean;
}

/**
 * `parity resume <run-id>`: finishes an interrupted, failed or killed run with its stored configuration.
 * Completed items are never requested again; items that failed are tried again.
 */
export async function resumeCommand(runId: string, flags: ResumeFlags, io: CliIo): Promise<number> {
  // Limits are how this process talks to the endpoint, not part of the run: they come from this command line.
  const limits = parseRequestLimitFlags(flags);
  const store = openSqliteRunStore({ path: storePath(io, flags.store) });
  try {
    const summary = store.getSummary(runId);
    if (!summary)
      throw new InputError(`no run '${runId}' in ${storePath(io, flags.store)} (see 'parity runs')`);
    if (summary.kind !== 'eval')
      throw new InputError(`run ${runId} is a ${summary.kind} run; only eval runs resume`);
    const { config } = summary;
    const benchmark = getBenchmark(config.benchmark);
    const protocol = getProtocol(benchmark, config.protocol);
    if (protocol.version !== config.protocolVersion) {
      throw new InputError(
        `run ${runId} used ${config.protocol} v${config.protocolVersion}; this parity has v${protocol.version}, so its items would not be comparable. Start a new run.`,
      );
    }
    const source = cliDatasetSource(io, { directory: config.dataDir, allowDownload: flags.download });
    const items = await loadProtocolItems(
      benchmark,
      protocol,
      source,
      config.limit === undefined ? {} : { limit: config.limit },
    );
    // Code benchmarks: same wall-clock limit as the run started with; the sandbox is checked first.
    const executor = protocol.scoreAsync
      ? await openCodeExecutor(io, {
          ...flags,
          ...(config.execTimeoutMs === undefined ? {} : { execTimeout: String(config.execTimeoutMs / 1000) }),
        })
      : undefined;
    const model = modelFromSpec(io, {
      spec: config.modelSpec,
      ...(config.model.provider === 'openai' ? { baseUrl: config.model.endpoint } : {}),
    });
    // Judge-graded runs (mtbench) resume with the judge they started with.
    const judge = config.judge
      ? {
          model: modelFromSpec(io, {
            spec: config.judge.modelSpec,
            ...(config.judge.model.provider === 'openai' ? { baseUrl: config.judge.model.endpoint } : {}),
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
      const result = await evaluateBenchmark({
        io,
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
        ...(executor ? { executor } : {}),
        ...(judge ? { judge } : {}),
        gateFor: gates.gateFor,
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
