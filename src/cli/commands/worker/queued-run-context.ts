import { executesCode } from '../../../evaluation/protocol-kind.ts';
import { loadProtocolItems } from '../../../benchmarks/load-protocol-items.ts';
import { getBenchmark, getProtocol } from '../../../benchmarks/registry.ts';
import { InputError } from '../../../spec/index.ts';
import type {
  Benchmark,
  CodeExecutor,
  Item,
  LanguageModel,
  Protocol,
  RunConfig,
  RunStore,
} from '../../../spec/index.ts';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import type { CliIo } from '../../cli-io.ts';
import { openCodeExecutor } from '../../options/code-execution-options.ts';
import { modelFromSpec } from '../../model-from-spec.ts';
import { resumeTaskRun } from '../../resume-task-run.ts';

/** What a worker needs to evaluate items of a queued run: rebuilt once per run from its stored configuration. */
export interface QueuedRunContext {
  readonly config: RunConfig;
  readonly model: LanguageModel;
  readonly benchmark: Benchmark;
  readonly protocol: Protocol;
  readonly itemsById: ReadonlyMap<string, Item>;
  readonly executor?: CodeExecutor;
  readonly judge?: { readonly model: LanguageModel; readonly repeats: number };
  close(): Promise<void>;
}

/**
 * Rebuilds a run's model, protocol and items from the store, as `parity resume` does: the same engine then runs
 * them. The endpoint is the stored one (`local:` models load their file); API keys come from this machine's
 * environment, never from the store.
 */
export async function openQueuedRunContext(
  io: CliIo,
  store: RunStore,
  runId: string,
  options: { download: boolean },
): Promise<QueuedRunContext> {
  const summary = store.getSummary(runId);
  if (!summary) throw new InputError(`queued run ${runId} is not in the store (deleted?)`);
  const config = summary.config;
  const taskRun = config.task ? await resumeTaskRun(io, { ...config, task: config.task }, {}) : undefined;
  const benchmark = taskRun?.benchmark ?? getBenchmark(config.benchmark);
  const protocol = taskRun?.protocol ?? getProtocol(benchmark, config.protocol);
  if (protocol.version !== config.protocolVersion) {
    throw new InputError(
      `run ${runId} used ${config.protocol} v${config.protocolVersion}; this worker's parity has v${protocol.version}`,
    );
  }
  const source = cliDatasetSource(io, { directory: config.dataDir, allowDownload: options.download });
  const items =
    taskRun?.items ??
    (await loadProtocolItems(benchmark, protocol, source, {
      ...(config.limit === undefined ? {} : { limit: config.limit }),
      ...(config.synthetic === undefined ? {} : { synthetic: config.synthetic }),
    }));
  const executor = taskRun
    ? taskRun.executor
    : executesCode(protocol)
      ? await openCodeExecutor(io, {
          ...(config.execTimeoutMs === undefined ? {} : { execTimeout: String(config.execTimeoutMs / 1000) }),
        })
      : undefined;
  const baseUrl = config.model.provider === 'local' ? undefined : config.model.endpoint;
  const model = modelFromSpec(io, { spec: config.modelSpec, ...(baseUrl === undefined ? {} : { baseUrl }) });
  const judgeBaseUrl =
    config.judge && config.judge.model.provider !== 'local' ? config.judge.model.endpoint : undefined;
  const judge = config.judge
    ? {
        model: modelFromSpec(io, {
          spec: config.judge.modelSpec,
          ...(judgeBaseUrl === undefined ? {} : { baseUrl: judgeBaseUrl }),
        }),
        repeats: config.judge.repeats,
      }
    : undefined;
  return {
    config,
    model,
    benchmark,
    protocol,
    itemsById: new Map(items.map((item) => [item.id, item])),
    ...(executor ? { executor } : {}),
    ...(judge ? { judge } : {}),
    async close() {
      await model.close?.();
      await judge?.model.close?.();
    },
  };
}
