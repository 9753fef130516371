import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { registryHelp } from '../../registry-help.ts';
import { collect } from '../../options/collect.ts';
import {
  CONFIRM_ABOVE_USD,
  EVAL_DEFAULTS,
  STOP_WHEN_DECIDED_OPTION_DEFAULTS,
} from '../../options/defaults.ts';
import {
  maxTokensOption,
  reasoningEffortOption,
  systemPromptOption,
} from '../../options/generation-option-definitions.ts';
import {
  execJobsOption,
  execTimeoutOption,
  samplesOption,
  temperatureOption,
  reasoningAllowanceOption,
  topPOption,
  unsafeNoSandboxOption,
} from '../../options/code-execution-option-definitions.ts';
import {
  judgeBaseUrlOption,
  judgeOption,
  judgeRepeatsOption,
} from '../../options/judge-option-definitions.ts';
import { longctxOptions } from '../../options/longctx-option-definitions.ts';
import {
  adaptiveConcurrencyOption,
  noAdaptiveConcurrencyOption,
  requestsPerMinuteOption,
  tokensPerMinuteOption,
} from '../../options/request-limit-option-definitions.ts';
import { storeOption } from '../../options/store-option.ts';
import type { EvalCommandFlags } from './eval-task-command.ts';

/** Adds `parity eval` (benchmarks, or task files with --task) to the program. */
export function registerEvalCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('eval')
    .description(
      'evaluate a model on one or more benchmarks; each benchmark becomes a stored, resumable run (no flags: run parity.yaml)',
    )
    .option(
      '--model <spec>',
      'model spec: openai:<model> (any OpenAI-compatible server) or local:<path.gguf>; repeat it with --task to run several models; required unless parity.yaml names the models',
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
    .option('--bench <ids>', 'benchmarks, comma-separated (listed below)')
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
      String(STOP_WHEN_DECIDED_OPTION_DEFAULTS.level),
    )
    .option(
      '--order-seed <n>',
      'with --stop-when-decided: seed of the random item order (recorded in the run)',
      String(STOP_WHEN_DECIDED_OPTION_DEFAULTS.orderSeed),
    )
    .option(
      '--margin <points>',
      'with --stop-when-decided: also stop once the difference is shown to lie within ±points (equivalent)',
    )
    // Built when printed: the registries load only for --help (registry-help.ts).
    .addHelpText(
      'after',
      () =>
        `\nBenchmarks and protocols:\n${registryHelp().benchmarks}\n\n${registryHelp().modelSpecs}\n\nWithout --task and --bench, parity eval runs the project file parity.yaml in the working folder (every model × task\nand model × benchmark is one run; flags given here win over its defaults; 'parity init' writes a starter).\n\nExit codes: 0 ok, 2 bad input, 3 interrupted (resume with 'parity resume <run-id>').`,
    )
    .action(async (flags: EvalCommandFlags, evalCommand: Command) => {
      const project = await import('./eval-project-command.ts');
      setExitCode(await project.evalEntryCommand(flags, io, project.givenFlags(evalCommand)));
    });
  // longctx generation flags (docs/longctx.md).
  for (const option of longctxOptions()) command.addOption(option);
}
