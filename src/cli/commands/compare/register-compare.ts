import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { COMPARE_DEFAULTS } from '../../options/defaults.ts';
import { storeOption } from '../../options/store-option.ts';
import type { CompareFlags } from './compare-command.ts';
import { parseLevel } from '../../options/comparison-options.ts';
import { addPairwiseOptions, pairwiseCompareCommand, type PairwiseFlags } from './pairwise-options.ts';

export function registerCompareCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  const command = program.command('compare');
  command
    .description(
      'is the gap real, or is B as good as A? paired difference with the interval of its test (exact McNemar for 0/1 scores, paired t for graded), Holm-corrected verdicts; --margin for equivalence / non-inferiority (docs/statistics.md)',
    )
    .argument(
      '[run-ids...]',
      'runs of the same protocol; per benchmark, each later run is compared with the first',
    )
    .addOption(storeOption())
    .option('--json', 'print JSON (docs/cli.md)')
    .option(
      '--level <alpha>',
      'significance level of the verdicts, after Holm correction',
      String(COMPARE_DEFAULTS.level),
    )
    .option(
      '--vs-published <value>',
      'compare with a published figure (fraction, or percentage with %): unpaired two-proportion z-test',
    )
    .option('--a-published <value>', 'with --vs-published: compare two published figures instead of a run')
    .option('--n <items>', 'with --vs-published: items behind the published figure(s)')
    .option('--n-b <items>', 'items behind --vs-published when it differs from --n (default: --n)')
    .option(
      '--cluster <unit>',
      "independent unit for the difference's interval: item, or group (MMLU subject, …)",
      'item',
    )
    .option(
      '--margin <points>',
      'equivalence margin: percentage points for accuracies (1 = ±1 point), raw units for graded scores; the verdict becomes equivalent / different / inconclusive',
    )
    .option('--margin-relative <percent>', "margin as a percentage of A's score (2 = 2% of A)")
    .option(
      '--non-inferiority',
      'with a margin: ask whether B is not worse than A by more than the margin (one-sided) instead of equivalence',
    )
    .option(
      '--fail-unless-equivalent',
      'with --margin: exit 1 (one line per comparison) unless every comparison is equivalent (or not worse with --non-inferiority), for CI',
    )
    .option(
      '--allow-mismatched-items',
      'pair only items whose content is identical in both runs, instead of refusing runs whose shared item ids differ in content',
    )
    .addHelpText(
      'after',
      `
With more than two runs, the runs are grouped by benchmark and, within each benchmark, every later run is
compared with the first one named (A = the first run; differences are A − B). Runs of different protocols
are refused, and so are runs whose shared item ids hold different content (another dataset file or version)
unless --allow-mismatched-items. All comparisons of one call form one family for the Holm correction.

With --margin M the verdict is one of: equivalent within ±M (the 90% interval of A − B lies inside ±M: two
one-sided tests), different (the test of no difference rejects), or inconclusive (with about how many items
would decide it). --non-inferiority asks "is B not worse than A by more than M" instead.

Examples:
  parity compare 20250101-aaaa 20250101-bbbb
  parity compare <gpt4-mmlu> <gpt4-gsm8k> <llama-mmlu> <llama-gsm8k> --json
  parity compare --a-published 0.886 --vs-published 0.887 --n 14042 --margin 1
  parity compare <gpt4-run> <llama-run> --margin 2 --non-inferiority
  parity compare <run-id> --vs-published 88.7% --n 14042`,
    )
    .action(async (runIds: string[], flags: CompareFlags & PairwiseFlags) =>
      setExitCode(
        flags.judge === undefined
          ? (await import('./compare-command.ts')).compareCommand(runIds, flags, io)
          : await pairwiseCompareCommand(runIds, { ...flags, judge: flags.judge }, io, (value) =>
              parseLevel(value, COMPARE_DEFAULTS.level),
            ),
      ),
    );
  addPairwiseOptions(command);
}
