import { Command, CommanderError } from 'commander';
import { ParityError } from '../spec/index.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { commanderErrorLine } from './commander-error-line.ts';
import { environmentWithDotEnv } from './dot-env.ts';
import { showDefaultsPlainly } from './options/plain-defaults.ts';
import { withJsonFileOption } from './options/json-file-option.ts';
import { registerEvalCommand } from './commands/eval/register-eval.ts';
import { registerResumeCommand } from './commands/resume/register-resume.ts';
import { registerRunsCommand } from './commands/runs/register-runs.ts';
import { registerRmCommand } from './commands/rm/register-rm.ts';
import { registerLabelCommand } from './commands/label/register-label.ts';
import { registerStoreCommand } from './commands/store/register-store.ts';
import { registerWorkerCommand } from './commands/worker/register-worker.ts';
import { registerQueueCommand } from './commands/queue/register-queue.ts';
import { registerShowCommand } from './commands/show/register-show.ts';
import { registerScoreCommand } from './commands/score/register-score.ts';
import { registerDemoCommand } from './commands/demo/register-demo.ts';
import { registerBenchCommand } from './commands/bench/register-bench.ts';
import { registerViewCommand } from './commands/view/register-view.ts';
import { registerProbeCommand } from './commands/probe/register-probe.ts';
import { registerServeCommand } from './commands/serve/register-serve.ts';
import { registerReportCommand } from './commands/report/register-report.ts';
import { registerTcoCommand } from './commands/tco/register-tco.ts';
import { registerRecommendCommand } from './commands/recommend/register-recommend.ts';
import { registerPricesCommand } from './commands/prices/register-prices.ts';
import { registerCompareCommand } from './commands/compare/register-compare.ts';
import { registerInitCommand } from './commands/init/register-init.ts';
import { registerImportCommand } from './commands/import/register-import.ts';
import { registerPlanCommand } from './commands/plan/register-plan.ts';
import { asksForHelp, loadRegistryHelp } from './registry-help.ts';

type Registration = (
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  run: (argv: readonly string[], io: CliIo) => Promise<number>,
) => void;

/**
 * Every command by name, in the order `parity --help` lists them. Each registration defines the command's options
 * and help; the command's own module is imported only when it runs (docs/decisions/0220-cli-layout.md).
 */
const commands: readonly (readonly [name: string, register: Registration])[] = [
  ['eval', registerEvalCommand],
  ['resume', registerResumeCommand],
  ['runs', registerRunsCommand],
  ['rm', registerRmCommand],
  ['label', registerLabelCommand],
  ['store', registerStoreCommand],
  ['worker', registerWorkerCommand],
  ['queue', registerQueueCommand],
  ['show', registerShowCommand],
  ['score', registerScoreCommand],
  ['demo', registerDemoCommand],
  ['bench', registerBenchCommand],
  ['view', registerViewCommand],
  ['probe', registerProbeCommand],
  ['serve', registerServeCommand],
  ['report', registerReportCommand],
  ['tco', registerTcoCommand],
  ['recommend', registerRecommendCommand],
  ['prices', registerPricesCommand],
  ['compare', registerCompareCommand],
  ['init', registerInitCommand],
  ['import', registerImportCommand],
  ['plan', registerPlanCommand],
];

/**
 * The commands a command line needs defined. One that starts with a command's name needs only that command: its
 * parsing, help and errors are its own, and defining the others' options and help costs a few milliseconds of
 * every run (docs/decisions/0345). Anything else (no command, an option first, `help`, a mistyped name commander
 * suggests a fix for) gets them all.
 */
function registrationsFor(argv: readonly string[]): readonly (readonly [string, Registration])[] {
  const named = commands.filter(([name]) => name === argv[0]);
  return named.length > 0 ? named : commands;
}

/** The names of `registrationsFor(argv)`, for tests. */
export function commandsDefinedFor(argv: readonly string[]): string[] {
  return registrationsFor(argv).map(([name]) => name);
}

function buildProgram(cliIo: CliIo, setExitCode: (code: number) => void, argv: readonly string[]): Command {
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

  // `run` lets a command run other command lines (the demo) without importing their files.
  for (const [, register] of registrationsFor(argv)) {
    register(program, io, setExitCode, (runArgv, runIo) => main(runArgv, runIo));
  }

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
  const program = buildProgram(io, (code) => (exitCode = code), argv);
  try {
    if (asksForHelp(argv)) await loadRegistryHelp();
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
