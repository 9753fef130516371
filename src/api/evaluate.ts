import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { datasetManifests } from '../benchmarks/dataset-manifests.ts';
import { loadProtocolItems } from '../benchmarks/load-protocol-items.ts';
import { runGold } from '../benchmarks/item-gold.ts';
import { getBenchmark, getProtocol } from '../benchmarks/registry.ts';
import { EVAL_DEFAULTS } from '../cli/options/defaults.ts';
import {
  needsCodeExecution,
  openCodeExecutor,
  parseSamplingFlags,
} from '../cli/options/code-execution-options.ts';
import { evaluateBenchmark } from '../cli/evaluate-benchmark.ts';
import { parseGenerationOverrides } from '../cli/generation-overrides.ts';
import { currentOwner } from '../cli/open-run-store.ts';
import { assertProtocolsSupported } from '../cli/protocol-support.ts';
import { parityVersion } from '../cli/parity-version.ts';
import { runJson } from '../cli/run-summary.ts';
import { createDatasetSource } from '../datasets/dataset-source.ts';
import { runFingerprints } from '../datasets/item-fingerprint.ts';
import { providerFixedParameters } from '../report/provider-fixed-parameters.ts';
import type { ScoreReportJson } from '../report/score-report-json.ts';
import type { LanguageModel, RunConfig, RunStore } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { createModel, modelSpecOf, type CreateModelOptions } from './create-model.ts';
import { libraryIo, type LibraryIoOptions } from './library-io.ts';
import { requestGateFor, type RequestLimitOptions } from './request-gates.ts';

/** Sampling and generation settings that replace the protocol's own, as the `parity eval` flags of the same names. */
export interface GenerationOptions {
  /** Samples per item (pass@k); more than 1 needs a `temperature` above 0. Default 1. */
  readonly samples?: number;
  /** Replaces the protocol's temperature (0–2). */
  readonly temperature?: number;
  /** Replaces the protocol's top-p. */
  readonly topP?: number;
  /** Tokens a reasoning model may think, on top of the answer budget. */
  readonly reasoningAllowanceTokens?: number;
  /** Replaces the protocol's answer budget (changes the protocol; the report says so). */
  readonly maxTokens?: number;
  /** Replaces the protocol's system message, or adds one (changes the protocol). */
  readonly systemPrompt?: string;
  /** How hard a reasoning model thinks: 'low', 'medium', 'high' … as the API names them. */
  readonly reasoningEffort?: string;
}

export interface EvaluateOptions extends LibraryIoOptions, RequestLimitOptions, GenerationOptions {
  /** A model from `createModel` (or any LanguageModel), or a spec; a spec is made with `modelOptions`. */
  readonly model: LanguageModel | string;
  /** For a `model` given as a spec: base URL, key, threads (see `createModel`). */
  readonly modelOptions?: CreateModelOptions;
  /** Benchmark id: 'mmlu', 'gsm8k', 'arc_challenge', … (`benchmarks()` lists them). */
  readonly benchmark: string;
  /** Protocol id, e.g. 'mmlu.gen.5shot'; default the benchmark's default protocol. */
  readonly protocol?: string;
  /** Where the run is stored (`openStore`). The run id is in the result. */
  readonly store: RunStore;
  /** Folder with one folder per benchmark in the upstream layout (as `--data-dir`); looked at first. */
  readonly dataDir?: string;
  /** Download cache. Default ~/.cache/parity/datasets (the CLI's default without PARITY_CACHE_DIR). */
  readonly cacheDir?: string;
  /** Download missing data files (verified against pinned hashes). Default false: missing files are an error. */
  readonly download?: boolean;
  /** Benchmarks whose non-commercial data licence you accept (as `--accept-license`). */
  readonly acceptLicenses?: readonly string[];
  /** Evaluate only the first N items. Default: all. */
  readonly limit?: number;
  /** Requests in flight. Default 8, as `parity eval`. */
  readonly concurrency?: number;
  /** Per-request timeout in milliseconds. Default 120 000. */
  readonly timeoutMs?: number;
  /** Retries per request. Default 5. */
  readonly maxRetries?: number;
  /** Reuse cached responses from the store. Default true. */
  readonly useCache?: boolean;
  /** Judge-graded protocols (MT-Bench): the judge, and judgments per graded turn (default 1). */
  readonly judge?: {
    readonly model: LanguageModel | string;
    readonly modelOptions?: CreateModelOptions;
    readonly repeats?: number;
  };
  /** Code benchmarks (HumanEval, MBPP): run programs without the bubblewrap sandbox. Default false. */
  readonly unsafeNoSandbox?: boolean;
  /** Include per-item scores in the result. Default false. */
  readonly items?: boolean;
}

/** The result of `evaluate`: the `parity eval --json` shape of one run (docs/cli.md). */
export type EvaluationReport = ScoreReportJson & { run_id: string };

const text = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : String(value);

/** The generation options checked by the rules of their `parity eval` flags (errors name the flag). */
function generationSettings(options: GenerationOptions) {
  const sampling = parseSamplingFlags({
    ...(options.samples === undefined ? {} : { samples: text(options.samples) }),
    ...(options.temperature === undefined ? {} : { temperature: text(options.temperature) }),
    ...(options.topP === undefined ? {} : { topP: text(options.topP) }),
    ...(options.reasoningAllowanceTokens === undefined
      ? {}
      : { reasoningAllowance: text(options.reasoningAllowanceTokens) }),
  });
  const generationOverrides = parseGenerationOverrides({
    ...(options.maxTokens === undefined ? {} : { maxTokens: text(options.maxTokens) }),
    ...(options.systemPrompt === undefined ? {} : { systemPrompt: options.systemPrompt }),
    ...(options.reasoningEffort === undefined ? {} : { reasoningEffort: options.reasoningEffort }),
  });
  return { sampling, generationOverrides };
}

/**
 * Evaluates a model on one benchmark with the engine `parity eval` uses: the run is stored (resumable with
 * `parity resume <run_id>`), responses are cached, and the result carries every metric with its interval.
 * Throws InputError for bad options or missing data, ProviderError when the endpoint fails, CancelledError
 * when `signal` aborts it.
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluationReport> {
  const io = libraryIo(options);
  const benchmark = getBenchmark(options.benchmark);
  const protocol = getProtocol(benchmark, options.protocol);
  if (protocol.needsJudge && !options.judge) {
    throw new InputError(`${protocol.id} is graded by a judge model: pass judge: { model }`, {
      location: 'judge',
    });
  }
  const concurrency = options.concurrency ?? EVAL_DEFAULTS.concurrency;
  const timeoutMs = options.timeoutMs ?? EVAL_DEFAULTS.timeoutMs;
  const maxRetries = options.maxRetries ?? EVAL_DEFAULTS.maxRetries;
  const { sampling, generationOverrides } = generationSettings(options);
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const source = createDatasetSource({
    ...(dataDir === undefined ? {} : { dataDir }),
    cacheDir: options.cacheDir ?? join(homedir(), '.cache', 'parity', 'datasets'),
    allowDownload: options.download ?? false,
    manifests: datasetManifests,
    acceptedLicenses: options.acceptLicenses ?? [],
  });
  const items = await loadProtocolItems(
    benchmark,
    protocol,
    source,
    options.limit === undefined ? {} : { limit: options.limit },
  );
  const executor = needsCodeExecution([protocol])
    ? await openCodeExecutor(io, options.unsafeNoSandbox ? { unsafeNoSandbox: true } : {})
    : undefined;
  // Models made here from specs are closed here; models passed in belong to the caller.
  const owned: LanguageModel[] = [];
  const modelFrom = (given: LanguageModel | string, modelOptions?: CreateModelOptions): LanguageModel => {
    if (typeof given !== 'string') return given;
    const made = createModel(given, modelOptions);
    owned.push(made);
    return made;
  };
  try {
    const model = modelFrom(options.model, options.modelOptions);
    const modelSpec = modelSpecOf(model);
    const judge =
      protocol.needsJudge && options.judge
        ? {
            model: modelFrom(options.judge.model, options.judge.modelOptions),
            repeats: options.judge.repeats ?? 1,
          }
        : undefined;
    await assertProtocolsSupported({
      model,
      modelSpec,
      benchmarks: [benchmark],
      protocols: [protocol],
      timeoutMs,
    });
    const { store } = options;
    const gates = new Map(
      [model, ...(judge ? [judge.model] : [])].map((each) => [
        each,
        requestGateFor(each, { ...options, ceiling: concurrency }),
      ]),
    );
    const providerFixed = providerFixedParameters(
      model,
      items[0]
        ? {
            ...protocol.buildRequest(items[0]).parameters,
            ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
            ...(sampling.topP === undefined ? {} : { topP: sampling.topP }),
          }
        : undefined,
    );
    const config: RunConfig = {
      modelSpec,
      model: model.identity,
      benchmark: benchmark.id,
      protocol: protocol.id,
      protocolVersion: protocol.version,
      parityVersion: parityVersion(),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(dataDir === undefined ? {} : { dataDir }),
      concurrency,
      timeoutMs,
      maxRetries,
      ...(sampling.samples > 1 ? { samples: sampling.samples } : {}),
      ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
      ...(sampling.topP === undefined ? {} : { topP: sampling.topP }),
      ...(sampling.reasoningAllowanceTokens === undefined
        ? {}
        : { reasoningAllowanceTokens: sampling.reasoningAllowanceTokens }),
      ...(providerFixed.length === 0 ? {} : { providerFixed }),
      ...(executor ? { execTimeoutMs: executor.timeoutMs } : {}),
      ...(generationOverrides ? { generationOverrides } : {}),
      ...(judge
        ? {
            judge: {
              modelSpec: modelSpecOf(judge.model),
              model: judge.model.identity,
              repeats: judge.repeats,
            },
          }
        : {}),
    };
    const owner = currentOwner(io);
    const runId = store.createRun({
      kind: 'eval',
      config,
      totalItems: items.length * sampling.samples,
      createdAt: io.now().toISOString(),
      ...(owner ? { owner } : {}),
    });
    store.recordFingerprints?.(runId, runFingerprints(items));
    store.recordGold?.(runId, runGold(protocol, items));
    io.stderr(`run ${runId}: ${benchmark.id} ${protocol.id} on ${modelSpec}, ${items.length} items\n`);
    const scores = await evaluateBenchmark({
      io,
      store,
      runId,
      model,
      benchmark,
      protocol,
      items,
      concurrency,
      maxRetries,
      timeoutMs,
      useCache: options.useCache ?? true,
      ...sampling,
      ...(generationOverrides ? { generationOverrides } : {}),
      ...(executor ? { executor } : {}),
      ...(judge ? { judge } : {}),
      gateFor: (candidate) => gates.get(candidate),
    });
    return { ...runJson(scores, { items: options.items ?? false }), run_id: runId };
  } finally {
    executor?.close();
    for (const model of owned) await model.close?.();
  }
}
