import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { DEFAULT_DISCORDANCE, PLAN_DEFAULTS } from '../../options/defaults.ts';
import { storeOption } from '../../options/store-option.ts';
import type { PlanFlags } from './plan-command.ts';

export function registerPlanCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('plan')
    .description(
      'how many items (and tokens, dollars) a paired comparison needs to detect a gap or show equivalence, with the exact power of the test compare runs (docs/statistics.md)',
    )
    .requiredOption('--bench <id>', 'benchmark id')
    .option(
      '--delta <points>',
      'smallest gap worth detecting: percentage points for accuracies (3 = 3 points), raw units for graded scores; with --margin, the true difference assumed (default 0)',
    )
    .option(
      '--margin <points>',
      'plan to show equivalence within ±margin (two one-sided tests, as parity compare --margin) instead of detecting a gap',
    )
    .option('--non-inferiority', 'with --margin: plan to show B not worse than A by more than the margin')
    .option('--power <p>', 'probability of detecting a true gap of that size', String(PLAN_DEFAULTS.power))
    .option('--level <alpha>', 'two-sided significance level', String(PLAN_DEFAULTS.level))
    .option(
      '--from <run-ids>',
      'earlier runs: two (comma-separated) give the measured discordance; one gives its accuracy and tokens per item',
    )
    .option(
      '--discordance <rate>',
      `share of items the two models disagree on (default ${DEFAULT_DISCORDANCE} without --from)`,
    )
    .option(
      '--model <spec>',
      "model whose tokens (and list-price cost) to estimate, from the --from run's usage",
    )
    .option('--protocol <id>', "protocol (default: the --from run's, else the benchmark's default)")
    .option('--data-dir <dir>', 'dataset folder, to report how many items the benchmark has')
    .addOption(storeOption())
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  parity plan --bench mmlu --delta 2 --from <run-a>,<run-b> --model openai:gpt-4o\n  parity plan --bench mmlu --margin 2 --discordance 0.23',
    )
    .action(async (flags: PlanFlags) =>
      setExitCode(await (await import('./plan-command.ts')).planCommand(flags, io)),
    );
}
