import { runGold } from '../benchmarks/item-gold.ts';
import { runFingerprints } from '../datasets/item-fingerprint.ts';
import type {
  Benchmark,
  GenerationOverrides,
  GenerationParameters,
  Item,
  LanguageModel,
  Protocol,
  RunConfig,
  RunOwner,
  RunStore,
} from '../spec/index.ts';
import { needsJudge } from './protocol-kind.ts';
import { providerFixedParameters } from './provider-fixed-parameters.ts';
import { withSampling } from './request-settings.ts';

/** How a run's requests are sent and replaced: what `parity eval`'s flags and `evaluate`'s options set. */
export interface RunSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Samples per item (pass@k); 1 unless asked. */
  readonly samples: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly reasoningAllowanceTokens?: number;
  readonly generationOverrides?: GenerationOverrides;
  /** `--limit`: recorded so that `parity resume` loads the same items. */
  readonly limit?: number;
  /** The data folder the items came from, when one was given. */
  readonly dataDir?: string;
  /** Generated benchmarks (longctx): the settings the items were generated with. */
  readonly synthetic?: RunConfig['synthetic'];
  /** Code benchmarks: the sandbox's wall-clock limit per program. */
  readonly execTimeoutMs?: number;
}

export interface PlanRunOptions {
  readonly store: RunStore;
  readonly model: LanguageModel;
  /** The spec the model was made from (`openai:gpt-4o`), stored for `parity resume`. */
  readonly modelSpec: string;
  readonly benchmark: Benchmark;
  readonly protocol: Protocol;
  /** The items to run (after `--limit`, the protocol's own filter and any sequential plan). */
  readonly items: readonly Item[];
  readonly settings: RunSettings;
  /** The judge, recorded only for judge-graded protocols. */
  readonly judge?: { readonly modelSpec: string; readonly model: LanguageModel; readonly repeats: number };
  /** Task runs: the task file and its definition. */
  readonly task?: RunConfig['task'];
  /** Sequential runs (`--stop-when-decided`): what the plan is compared with. */
  readonly stopWhenDecided?: RunConfig['stopWhenDecided'];
  /** parity's own version, recorded with the run. */
  readonly parityVersion: string;
  /** The process that works on the run (absent: stored without owner). */
  readonly owner?: RunOwner;
  readonly createdAt: string;
}

export interface PlannedRun {
  readonly runId: string;
  readonly config: RunConfig;
  /** The first item's generation parameters after the run's sampling settings (what the provider is asked). */
  readonly requestParameters: GenerationParameters | undefined;
}

/**
 * Plans one run, the same way for `parity eval`, `parity eval --task` and the library's `evaluate`: its
 * configuration (every setting `parity resume` needs to finish it; the sampling parameters the model's API
 * cannot take, `providerFixed`), the stored run with its total, and the items' fingerprints and gold answers.
 */
export function planRun(options: PlanRunOptions): PlannedRun {
  const { store, model, protocol, items, settings } = options;
  const first = items[0];
  const sampling = { temperature: settings.temperature, topP: settings.topP };
  const requestParameters = first
    ? withSampling(protocol.buildRequest(first), sampling).parameters
    : undefined;
  const providerFixed = providerFixedParameters(model, requestParameters);
  const judge = options.judge && needsJudge(protocol) ? options.judge : undefined;
  const config: RunConfig = {
    modelSpec: options.modelSpec,
    model: model.identity,
    benchmark: options.benchmark.id,
    protocol: protocol.id,
    protocolVersion: protocol.version,
    parityVersion: options.parityVersion,
    ...(settings.limit === undefined ? {} : { limit: settings.limit }),
    ...(settings.synthetic === undefined ? {} : { synthetic: settings.synthetic }),
    ...(settings.dataDir === undefined ? {} : { dataDir: settings.dataDir }),
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...(settings.samples > 1 ? { samples: settings.samples } : {}),
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
    ...(settings.topP === undefined ? {} : { topP: settings.topP }),
    ...(settings.reasoningAllowanceTokens === undefined
      ? {}
      : { reasoningAllowanceTokens: settings.reasoningAllowanceTokens }),
    ...(providerFixed.length === 0 ? {} : { providerFixed }),
    ...(settings.execTimeoutMs === undefined ? {} : { execTimeoutMs: settings.execTimeoutMs }),
    ...(settings.generationOverrides === undefined
      ? {}
      : { generationOverrides: settings.generationOverrides }),
    ...(judge
      ? { judge: { modelSpec: judge.modelSpec, model: judge.model.identity, repeats: judge.repeats } }
      : {}),
    ...(options.task === undefined ? {} : { task: options.task }),
    ...(options.stopWhenDecided === undefined ? {} : { stopWhenDecided: options.stopWhenDecided }),
  };
  const runId = store.createRun({
    kind: 'eval',
    config,
    totalItems: items.length * settings.samples,
    createdAt: options.createdAt,
    ...(options.owner ? { owner: options.owner } : {}),
  });
  store.recordFingerprints?.(runId, runFingerprints(items));
  store.recordGold?.(runId, runGold(protocol, items));
  return { runId, config, requestParameters };
}
