import { benchmarkFiles } from '../../../benchmarks/benchmark-files.ts';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { loadProtocolItems } from '../../../benchmarks/load-protocol-items.ts';
import { loadBenchmark } from '../../../benchmarks/load-benchmark.ts';
import { getProtocol } from '../../../benchmarks/get-protocol.ts';
import { parityVersion } from '../../parity-version.ts';
import type { Benchmark, Item, Protocol } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import { parseGenerationOverrides, type GenerationOverrideFlags } from '../../generation-overrides.ts';
import type { CliIo } from '../../cli-io.ts';
import { printResults } from '../../print-results.ts';
import { evaluateBenchmark } from '../../../evaluation/evaluate-benchmark.ts';
import { modelFromSpec } from '../../model-from-spec.ts';
import { documentedCapabilities } from '../../../providers/registry.ts';
import { recordLearnedProviderFixed, unappliedSamplingWarnings } from './provider-fixed-sampling.ts';
import { parseList, parseWholeNumber } from '../../parse-options.ts';
import { dataDir } from '../../paths.ts';
import { openRunStore, ownerOption } from '../../open-run-store.ts';
import type { RunScores } from '../../../evaluation/run-summary.ts';
import { cliEvaluationHost } from '../../evaluation-host.ts';
import { assertProtocolsSupported } from '../../../evaluation/protocol-support.ts';
import { planRun } from '../../../evaluation/plan-run.ts';
import { enqueueRun, queueStoreUrl } from '../../team-queue.ts';
import {
  formatGateNotes,
  openRequestGates,
  parseRequestLimitFlags,
  type RequestLimitFlags,
} from '../../options/request-limit-options.ts';
import {
  formatStopWhenDecided,
  prepareStopWhenDecided,
  stopWhenDecidedConfig,
  type StopWhenDecidedFlags,
} from '../../stop-when-decided.ts';
import {
  needsCodeExecution,
  openCodeExecutor,
  parseSamplingFlags,
  type CodeExecutionFlags,
  type SamplingFlags,
} from '../../options/code-execution-options.ts';
import {
  confirmSpend,
  estimateSpend,
  modelPrice,
  openSpendMeter,
  type SpendFlags,
} from '../../spend-control.ts';
import {
  contextWindowFlag,
  itemsWithinContextWindow,
  longctxLengths,
  parseSyntheticFlags,
  parseThreshold,
  type LongctxFlags,
} from '../../options/longctx-options.ts';
import { longctxSummaryLines } from '../../longctx-summary-lines.ts';
import { calibrateCharsPerToken } from './longctx-calibration.ts';
import { endpointContextWindow } from '../../endpoint-context-window.ts';
import { formatJudgeUsage, judgeSteps, openJudge, type JudgeFlags } from '../../options/judge-options.ts';
import { parseRequestSettings } from '../../options/request-settings.ts';
import { judgeProtocolOf, needsJudge } from '../../../evaluation/protocol-kind.ts';

export interface EvalFlags
  extends
    CodeExecutionFlags,
    SamplingFlags,
    StopWhenDecidedFlags,
    JudgeFlags,
    RequestLimitFlags,
    GenerationOverrideFlags,
    SpendFlags,
    LongctxFlags {
  readonly model: string;
  readonly bench: string;
  readonly protocol?: string;
  readonly limit?: string;
  readonly dataDir?: string;
  readonly concurrency?: string;
  readonly baseUrl?: string;
  readonly store?: string;
  /** `--queue`: enqueue the run's items for `parity worker`s (PostgreSQL store) instead of running them. */
  readonly queue?: boolean;
  /** true: JSON on stdout instead of the tables; a file name (older spelling): JSON to that file too. */
  readonly json?: string | boolean;
  readonly timeout?: string;
  readonly retries?: string;
  readonly threads?: string;
  readonly cache: boolean;
  readonly download: boolean;
  readonly acceptLicense?: string;
}

/** Picks the protocol for each benchmark: from `--protocol` (ids are prefixed by the benchmark) or the default. */
export function selectProtocols(
  benchmarks: readonly Benchmark[],
  protocolFlag: string | undefined,
  options: { judge?: boolean } = {},
): Protocol[] {
  const wanted = parseList(protocolFlag);
  // The longest matching benchmark id owns a protocol id: humaneval.plus.base belongs to humaneval.plus.
  const owner = (id: string) =>
    benchmarks
      .filter((benchmark) => id.startsWith(`${benchmark.id}.`))
      .sort((left, right) => right.id.length - left.id.length)[0];
  const unmatched = wanted.filter((id) => owner(id) === undefined);
  if (unmatched.length > 0) {
    throw new InputError(`'${unmatched.join(', ')}' belongs to none of the benchmarks given with --bench`, {
      location: '--protocol',
    });
  }
  return benchmarks.map((benchmark) => {
    const named = wanted.find((candidate) => owner(candidate) === benchmark);
    // --judge without --protocol picks the benchmark's judge-graded protocol (XSTest's xstest.judge).
    const id =
      named ??
      (options.judge && !needsJudge(getProtocol(benchmark)) ? judgeProtocolOf(benchmark)?.id : undefined);
    const protocol = getProtocol(benchmark, id);
    if (id !== undefined && protocol.id !== id) {
      throw new InputError(`'${id}' was renamed ${protocol.id}; pass --protocol ${protocol.id}`, {
        location: '--protocol',
      });
    }
    return protocol;
  });
}

/** `parity eval`: one stored run per benchmark, each scored and printed with its interval and n. */
export async function evalCommand(
  flags: EvalFlags,
  io: CliIo,
  /** CI gates (`--fail-under`): checked once the runs are stored and printed; non-zero wins over item errors. */
  gate?: (results: readonly RunScores[]) => number,
): Promise<number> {
  const benchmarkIds = parseList(flags.bench);
  if (benchmarkIds.length === 0) throw new InputError('name at least one benchmark', { location: '--bench' });
  // Only the named benchmarks' modules are loaded (docs/decisions/0320); the first unknown id is the error.
  const benchmarks: Benchmark[] = [];
  for (const id of benchmarkIds) benchmarks.push(await loadBenchmark(id));
  const protocols = selectProtocols(benchmarks, flags.protocol, { judge: flags.judge !== undefined });
  // Judge-graded benchmarks (mtbench) are refused without --judge before anything is loaded.
  const judge = openJudge(io, flags, protocols);
  const limit = parseWholeNumber('--limit', flags.limit);
  const { concurrency, timeoutMs, maxRetries } = parseRequestSettings(flags);
  const threads = parseWholeNumber('--threads', flags.threads);
  const limits = parseRequestLimitFlags(flags);
  const sampling = parseSamplingFlags(flags);
  const generationOverrides = parseGenerationOverrides(flags);
  let synthetic = parseSyntheticFlags(flags);
  const threshold = parseThreshold(flags);
  const directory = dataDir(io, flags.dataDir);
  const source = cliDatasetSource(io, {
    directory: directory,
    allowDownload: flags.download,
    acceptLicense: flags.acceptLicense,
  });
  // longctx: the context window from --context-window, else learned from the endpoint once the model is open.
  let contextWindow = contextWindowFlag(flags);
  // Load every benchmark's items before the first model call, so bad data fails fast.
  const loadItems = async (benchmark: Benchmark, protocol: Protocol, quiet = false) => {
    const loaded = await loadProtocolItems(benchmark, protocol, source, {
      ...(limit === undefined ? {} : { limit }),
      ...(synthetic === undefined ? {} : { synthetic }),
    });
    // longctx: lengths above the context window are refused here, before any request.
    return benchmarkFiles(benchmark.id).generatedItems ? withinContextWindow(loaded, quiet) : loaded;
  };
  // The stored generation settings keep only the lengths run, so `parity resume` never sends a refused one.
  const withinContextWindow = <T>(loaded: Item<T>[], quiet: boolean): Item<T>[] => {
    const kept = itemsWithinContextWindow(io, contextWindow, loaded, quiet);
    if (kept.length < loaded.length) synthetic = { ...synthetic, lengths: longctxLengths(kept) };
    return kept;
  };
  const itemLists = [];
  for (const [index, benchmark] of benchmarks.entries()) {
    itemLists.push(await loadItems(benchmark, protocols[index] ?? getProtocol(benchmark)));
  }
  // Code benchmarks: the sandbox is checked before the first model call.
  const executor = needsCodeExecution(protocols) ? await openCodeExecutor(io, flags) : undefined;
  const model = modelFromSpec(io, {
    spec: flags.model,
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    ...(threads ? { threads } : {}),
  });
  try {
    await assertProtocolsSupported({
      model,
      modelSpec: flags.model,
      documented: documentedCapabilities(flags.model),
      benchmarks,
      protocols,
      timeoutMs,
    });
    // longctx --calibrate: size the haystacks by the server's own token count, then generate them again.
    const longctxIndex = benchmarks.findIndex((benchmark) => benchmarkFiles(benchmark.id).generatedItems);
    const first = itemLists[longctxIndex]?.[0];
    const longctx = benchmarks[longctxIndex];
    const longctxProtocol = protocols[longctxIndex];
    const longctxItems = itemLists[longctxIndex];
    if (longctxItems && contextWindow === undefined) {
      contextWindow = await endpointContextWindow({
        model,
        modelSpec: flags.model,
        callOptions: { timeoutMs, ...(io.signal ? { signal: io.signal } : {}) },
      });
      if (contextWindow === undefined) {
        io.stderr(
          'longctx: the endpoint reports no context window and the catalog lists none; no length is refused (give --context-window)\n',
        );
      } else {
        itemLists[longctxIndex] = withinContextWindow(longctxItems, false);
      }
    }
    if (flags.calibrate === true && first && longctx && longctxProtocol) {
      const charsPerToken = await calibrateCharsPerToken({
        io,
        model,
        protocol: longctxProtocol,
        item: first,
        timeoutMs,
      });
      if (charsPerToken !== undefined) {
        synthetic = { ...synthetic, charsPerToken };
        itemLists[longctxIndex] = await loadItems(longctx, longctxProtocol, true);
      }
    }
  } catch (error) {
    await model.close?.();
    await judge?.model.close?.();
    throw error;
  }
  // The estimate (and the question on a terminal) comes before the first paid call; --max-cost is checked here.
  let spend;
  try {
    spend = openSpendMeter({ flags, model, modelSpec: flags.model, judge: judge?.model });
    if (model.identity.provider !== 'local') {
      const estimate = estimateSpend({
        protocols,
        itemLists,
        samples: sampling.samples,
        generationOverrides,
        price: modelPrice(model),
      });
      if (!(await confirmSpend({ io, flags, estimate, modelSpec: flags.model }))) {
        io.stderr('parity: not started (answer y to start, or pass --yes; --max-cost USD caps the spend)\n');
        await model.close?.();
        await judge?.model.close?.();
        return 1;
      }
    }
  } catch (error) {
    await model.close?.();
    await judge?.model.close?.();
    throw error;
  }
  // Adaptive concurrency and --rpm/--tpm per endpoint and key; a judge on the model's key shares its gate.
  const gates = openRequestGates(io, { limits, ceiling: concurrency });
  const gated = [{ label: flags.model, gate: gates.open(model, flags.model) }];
  if (judge) gated.push({ label: `judge ${judge.spec}`, gate: gates.open(judge.model, judge.spec) });
  const store = openRunStore(io, { store: flags.store });
  const results: RunScores[] = [];
  const notes: string[] = [];
  const queued: string[] = [];
  try {
    for (const [index, benchmark] of benchmarks.entries()) {
      const protocol = protocols[index] as Protocol;
      const sequential = prepareStopWhenDecided({
        flags,
        store,
        benchmark,
        protocol,
        items: itemLists[index] ?? [],
        benchmarkCount: benchmarks.length,
        samples: sampling.samples,
      });
      const items = sequential?.items ?? itemLists[index] ?? [];
      if (flags.queue) queueStoreUrl(io, flags.store, 'parity eval --queue');
      const { runId, requestParameters, config } = planRun({
        store,
        model,
        modelSpec: flags.model,
        benchmark,
        protocol,
        items,
        settings: {
          concurrency,
          timeoutMs,
          maxRetries,
          ...sampling,
          ...(generationOverrides ? { generationOverrides } : {}),
          ...(limit === undefined ? {} : { limit }),
          ...(directory === undefined ? {} : { dataDir: directory }),
          ...(benchmarkFiles(benchmark.id).generatedItems && synthetic !== undefined ? { synthetic } : {}),
          ...(executor ? { execTimeoutMs: executor.timeoutMs } : {}),
        },
        ...(judge ? { judge: { modelSpec: judge.spec, model: judge.model, repeats: judge.repeats } } : {}),
        ...(sequential ? { stopWhenDecided: stopWhenDecidedConfig(sequential.monitor) } : {}),
        parityVersion: parityVersion(),
        createdAt: io.now().toISOString(),
        // A queued run has no owner process: workers anywhere record its items (docs/team-store.md).
        ...(flags.queue ? {} : ownerOption(io)),
      });
      for (const line of unappliedSamplingWarnings({
        modelSpec: flags.model,
        providerFixed: config.providerFixed ?? [],
        sampling,
      }))
        io.stderr(`${line}\n`);
      io.stderr(`run ${runId}: ${benchmark.id} ${protocol.id} on ${flags.model}, ${items.length} items\n`);
      if (flags.queue) {
        const jobs = await enqueueRun(io, {
          store: flags.store,
          runId,
          itemIds: items.map((item) => item.id),
        });
        io.stderr(`run ${runId}: ${items.length} items queued in ${jobs} jobs for 'parity worker'\n`);
        queued.push(runId);
        continue;
      }
      const evaluated = await evaluateBenchmark({
        host: cliEvaluationHost(io),
        store,
        runId,
        model,
        benchmark,
        protocol,
        items,
        concurrency,
        maxRetries,
        timeoutMs,
        useCache: flags.cache,
        ...sampling,
        ...(generationOverrides ? { generationOverrides } : {}),
        ...(executor ? { executor } : {}),
        ...(sequential ? { sequential: sequential.monitor } : {}),
        ...(judge && needsJudge(protocol) ? { judge: { model: judge.model, repeats: judge.repeats } } : {}),
        gateFor: gates.gateFor,
        spend,
      });
      const learned = recordLearnedProviderFixed({
        store,
        model,
        parameters: requestParameters,
        scores: evaluated,
        at: io.now().toISOString(),
      });
      for (const line of unappliedSamplingWarnings({
        modelSpec: flags.model,
        providerFixed: learned.learned,
        sampling,
        learned: true,
      }))
        io.stderr(`${line}\n`);
      results.push(learned.scores);
      const stored = judge && needsJudge(protocol) ? store.getRun(runId) : undefined;
      if (judge && stored) notes.push(formatJudgeUsage({ spec: judge.spec, steps: judgeSteps(stored) }));
      const last = results[results.length - 1];
      if (sequential && last)
        notes.push(formatStopWhenDecided({ monitor: sequential.monitor, run: last.run }));
    }
  } finally {
    store.close();
    await model.close?.();
    await judge?.model.close?.();
    for (const note of formatGateNotes(gated)) io.stderr(`${note}\n`);
  }
  // --queue: the run ids, the last line the last run's (scripts read it).
  if (flags.queue) {
    for (const runId of queued) io.stdout(`${runId}\n`);
    return 0;
  }
  await printResults(io, results, flags.json);
  // With --json, stdout carries the JSON only: the notes go to stderr.
  const out = flags.json === true ? io.stderr : io.stdout;
  for (const result of results)
    for (const line of longctxSummaryLines(result.run, threshold)) out(`${line}\n`);
  for (const note of notes) out(`${note}\n`);
  const itemErrors = exitCodeForItemErrors(io, results);
  const gateCode = gate ? gate(results) : 0;
  return gateCode !== 0 ? gateCode : itemErrors;
}

/** Exit code when runs finished but some items ended as errors (stored with their cause). */
export const itemErrorsExitCode = 4;

/** 0, or `itemErrorsExitCode` with one line per run that has items stored as errors. */
export function exitCodeForItemErrors(io: CliIo, results: readonly RunScores[]): number {
  const failing = results.filter((result) => result.errors > 0);
  for (const result of failing) {
    io.stderr(
      `run ${result.run.runId}: ${result.errors} of ${result.run.items.length} items ended as errors (see 'parity show ${result.run.runId} --items'); 'parity resume ${result.run.runId}' retries them\n`,
    );
  }
  return failing.length > 0 ? itemErrorsExitCode : 0;
}
