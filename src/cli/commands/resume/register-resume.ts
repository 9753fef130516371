import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import {
  execJobsOption,
  execTimeoutOption,
  unsafeNoSandboxOption,
} from '../../options/code-execution-option-definitions.ts';
import {
  adaptiveConcurrencyOption,
  noAdaptiveConcurrencyOption,
  requestsPerMinuteOption,
  tokensPerMinuteOption,
} from '../../options/request-limit-option-definitions.ts';
import { storeOption } from '../../options/store-option.ts';
import type { ResumeFlags } from './resume-command.ts';

/** Adds `parity resume` to the program. */
export function registerResumeCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
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
    .action(async (runId: string, flags: ResumeFlags) =>
      setExitCode(await (await import('./resume-command.ts')).resumeCommand(runId, flags, io)),
    );
}
