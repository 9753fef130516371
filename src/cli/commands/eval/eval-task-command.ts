import { parityVersion } from '../../parity-version.ts';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  InputError,
  type DatasetSource,
  type LanguageModel,
  type Protocol,
  type StoredRun,
} from '../../../spec/index.ts';
import type { LoadedTask } from '../../load-task.ts';
import type { CliIo } from '../../cli-io.ts';
import { openCodeExecutor } from '../../options/code-execution-options.ts';
import { evaluateBenchmark } from '../../../evaluation/evaluate-benchmark.ts';
import { failedGates, parseFailUnder } from './fail-under.ts';
import { parseGenerationOverrides } from '../../generation-overrides.ts';
import { formatJudgeUsage, judgeSteps, openJudge } from '../../options/judge-options.ts';
import { modelFromSpec } from '../../model-from-spec.ts';
import { openRunStore, ownerOption } from '../../open-run-store.ts';
import { parseWholeNumber } from '../../parse-options.ts';
import {
  formatGateNotes,
  openRequestGates,
  parseRequestLimitFlags,
} from '../../options/request-limit-options.ts';
import type { RunScores } from '../../../evaluation/run-summary.ts';
import { printResults } from '../../print-results.ts';
import { parseRequestSettings } from '../../options/request-settings.ts';
import { evalCommand, exitCodeForItemErrors, type EvalFlags } from './eval-command.ts';
import { cliEvaluationHost } from '../../evaluation-host.ts';
import { planRun } from '../../../evaluation/plan-run.ts';
import { EVAL_DEFAULTS } from '../../../evaluation/defaults.ts';
import { needsJudge } from '../../../evaluation/protocol-kind.ts';

/** `parity eval --task …` flags: the eval flags, with several models and tasks, and the CI gates. */
export interface EvalTaskFlags extends Omit<EvalFlags, 'model' | 'bench'> {
  readonly model: readonly string[];
  readonly task: readonly string[];
  readonly failUnder?: readonly string[];
  readonly failUnderLower?: boolean;
  readonly junit?: string;
  /** Opens a model by spec (a project file's models, each with its own endpoint and key); default: --base-url. */
  readonly openModel?: (spec: string) => LanguageModel;
}

/** Task datasets are read with the task file; the engine's dataset source is not used. */
const noDatasetFiles: DatasetSource = {
  resolveFile: () => Promise.reject(new Error('task items come from the task file')),
  listFiles: () => Promise.resolve([]),
};

/** Exit status when a `--fail-under` gate fails. */
export const gateFailedExitCode = 1;

/**
 * `parity eval --model <spec> --task <file>` (each repeatable): one stored run per model × task, run by the
 * same engine as the benchmarks (cached, resumable, shown by show/view/report/compare), then the gates.
 */
export async function evalTaskCommand(flags: EvalTaskFlags, io: CliIo): Promise<number> {
  if (flags.model.length === 0) throw new InputError('name at least one model', { location: '--model' });
  const gates = parseFailUnder(flags.failUnder);
  if (flags.failUnderLower && gates.length === 0) {
    throw new InputError('--fail-under-lower needs at least one --fail-under', {
      location: '--fail-under-lower',
    });
  }
  const limit = parseWholeNumber('--limit', flags.limit);
  const { concurrency, timeoutMs, maxRetries } = parseRequestSettings(flags);
  const limits = parseRequestLimitFlags(flags);
  const generationOverrides = parseGenerationOverrides(flags);
  // Task files' modules (schemas, graders) load only for task runs, not for `parity eval --bench` (0320).
  const [{ loadTask }, { taskBenchmark }] = await Promise.all([
    import('../../load-task.ts'),
    import('../../../tasks/task-protocol.ts'),
  ]);
  // Every task file and dataset is read before the first model call, so a bad one fails fast (exit 2).
  const tasks: LoadedTask[] = [];
  for (const path of flags.task) tasks.push(await loadTask(io.cwd, path));
  const needsSandbox = tasks.some((task) =>
    task.definition.graders.some((grader) => grader.type === 'python'),
  );
  const executor = needsSandbox ? await openCodeExecutor(io, flags) : undefined;
  const benchmarks = tasks.map((task) => taskBenchmark(task, executor ? { executor } : {}));
  const protocols = benchmarks.map((benchmark) => benchmark.protocols[0] as Protocol);
  const judge = openJudge(io, flags, protocols);
  const itemLists = await Promise.all(
    benchmarks.map((benchmark) => benchmark.loadItems(noDatasetFiles, limit === undefined ? {} : { limit })),
  );
  const store = openRunStore(io, { store: flags.store });
  const results: RunScores[] = [];
  const notes: string[] = [];
  try {
    for (const spec of flags.model) {
      const model =
        flags.openModel?.(spec) ??
        modelFromSpec(io, { spec, ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}) });
      const requestGates = openRequestGates(io, { limits, ceiling: concurrency });
      const gated = [{ label: spec, gate: requestGates.open(model, spec) }];
      if (judge)
        gated.push({ label: `judge ${judge.spec}`, gate: requestGates.open(judge.model, judge.spec) });
      try {
        for (const [index, task] of tasks.entries()) {
          const benchmark = benchmarks[index];
          const protocol = protocols[index];
          const items = itemLists[index] ?? [];
          if (!benchmark || !protocol) continue;
          const useJudge = judge && needsJudge(protocol) ? judge : undefined;
          const { runId } = planRun({
            store,
            model,
            modelSpec: spec,
            benchmark,
            protocol,
            items,
            settings: {
              concurrency,
              timeoutMs,
              maxRetries,
              samples: EVAL_DEFAULTS.samples,
              ...(generationOverrides ? { generationOverrides } : {}),
              ...(limit === undefined ? {} : { limit }),
              ...(executor ? { execTimeoutMs: executor.timeoutMs } : {}),
            },
            ...(useJudge
              ? { judge: { modelSpec: useJudge.spec, model: useJudge.model, repeats: useJudge.repeats } }
              : {}),
            task: { file: task.file, definition: task.definition },
            parityVersion: parityVersion(),
            createdAt: io.now().toISOString(),
            ...ownerOption(io),
          });
          io.stderr(
            `run ${runId}: task ${task.definition.id} v${task.definition.version} on ${spec}, ${items.length} items\n`,
          );
          results.push(
            await evaluateBenchmark({
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
              ...(generationOverrides ? { generationOverrides } : {}),
              ...(executor ? { executor } : {}),
              ...(useJudge ? { judge: { model: useJudge.model, repeats: useJudge.repeats } } : {}),
              gateFor: requestGates.gateFor,
            }),
          );
          const stored = useJudge ? store.getRun(runId) : undefined;
          if (useJudge && stored)
            notes.push(formatJudgeUsage({ spec: useJudge.spec, steps: judgeSteps(stored) }));
        }
      } finally {
        await model.close?.();
        for (const note of formatGateNotes(gated)) io.stderr(`${note}\n`);
      }
    }
    if (flags.junit)
      await writeJunit(
        io,
        flags.junit,
        results.map((result) => store.getRun(result.run.runId)),
      );
  } finally {
    store.close();
    await judge?.model.close?.();
  }
  await printResults(io, results, flags.json);
  for (const note of notes) io.stdout(`${note}\n`);
  const itemErrors = exitCodeForItemErrors(io, results);
  const gated = reportGates(io, failedGates(results, gates, { lower: flags.failUnderLower === true }));
  return gated !== 0 ? gated : itemErrors;
}

/** Prints one line per failed gate; `gateFailedExitCode` when any failed, else 0. */
function reportGates(io: CliIo, failures: readonly string[]): number {
  for (const failure of failures) io.stderr(`${failure}\n`);
  return failures.length > 0 ? gateFailedExitCode : 0;
}

/** `--junit FILE`: one test case per item of every run (docs/tasks.md). */
async function writeJunit(io: CliIo, file: string, runs: readonly (StoredRun | undefined)[]): Promise<void> {
  const [{ junitXml }, { parseGraderResults }] = await Promise.all([
    import('../../../report/junit-report.ts'),
    import('../../../tasks/task-protocol.ts'),
  ]);
  const suites = runs
    .filter((run): run is StoredRun => run !== undefined)
    .map((run) => ({
      name: `${run.config.protocol} on ${run.config.modelSpec}`,
      items: run.items,
      scoreKey: 'score',
      reasons: (item: StoredRun['items'][number]) =>
        (parseGraderResults(item.extracted) ?? []).map(
          (result) =>
            `${result.passed ? 'PASS' : 'FAIL'} ${result.name} (${result.type}, score ${result.score ?? 'unscored'}): ${result.reason}`,
        ),
    }));
  await writeFile(resolve(io.cwd, file), junitXml(suites));
}

/** What commander gives `parity eval`: `--model` and `--task` collected into lists. */
export type EvalCommandFlags = Omit<EvalFlags, 'model' | 'bench'> & {
  /** Absent when no --model was given (a project file then names the models). */
  readonly model?: readonly string[];
  readonly bench?: string;
  readonly task?: readonly string[];
  readonly failUnder?: readonly string[];
  readonly failUnderLower?: boolean;
  readonly junit?: string;
};

/** `parity eval`: task runs with `--task`, else benchmark runs (one `--model`). */
export async function evalOrTaskCommand(flags: EvalCommandFlags, io: CliIo): Promise<number> {
  if (flags.task !== undefined && flags.task.length > 0) {
    if (flags.bench !== undefined) {
      throw new InputError('give --task or --bench, not both (run them as two commands)', {
        location: '--task',
      });
    }
    return evalTaskCommand({ ...flags, model: flags.model ?? [], task: flags.task }, io);
  }
  if (flags.junit !== undefined) {
    throw new InputError('applies to task runs: add --task <file>', { location: '--junit' });
  }
  const gates = parseFailUnder(flags.failUnder);
  if (flags.failUnderLower && gates.length === 0) {
    throw new InputError('--fail-under-lower needs at least one --fail-under', {
      location: '--fail-under-lower',
    });
  }
  if (flags.bench === undefined) {
    throw new InputError('name the benchmarks (--bench) or a task file (--task)', { location: '--bench' });
  }
  const [model, ...more] = flags.model ?? [];
  if (model === undefined) {
    throw new InputError(
      'name the model to evaluate (--model <spec>; parity.yaml names them when no --bench)',
      {
        location: '--model',
      },
    );
  }
  if (model === undefined || more.length > 0) {
    throw new InputError('give one --model with --bench (several models are for --task)', {
      location: '--model',
    });
  }
  return evalCommand({ ...flags, model, bench: flags.bench }, io, (results) =>
    reportGates(io, failedGates(results, gates, { lower: flags.failUnderLower === true })),
  );
}
