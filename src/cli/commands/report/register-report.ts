import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { storeOption } from '../../options/store-option.ts';
import type { ReportFlags } from './report-command.ts';

/** Adds `parity report` to the program. */
export function registerReportCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('report')
    .description(
      'write shareable reports of stored runs: self-contained HTML, Markdown for a pull request, CSV/JSON items',
    )
    .argument('<run-ids...>', 'runs to report; the first of each benchmark and protocol is A in comparisons')
    .option('--html <file>', 'one self-contained HTML file (data and script inline, opens offline)')
    .option('--md <file>', 'Markdown summary: scores with 95% intervals, paired comparisons, latency')
    .option('--csv <file>', 'every item of every run, one CSV line each')
    .option(
      '--json [file]',
      'every item of every run as JSON ({ "items": [ … ] }) on stdout, or written to FILE',
    )
    .option(
      '--margin <points>',
      'comparisons answer "is B as good as A?": equivalent within ±points / different / inconclusive, as parity compare --margin',
    )
    .option('--margin-relative <percent>', "the margin as a percentage of A's score")
    .option('--non-inferiority', 'with a margin: B not worse than A by more than the margin')
    .addOption(storeOption())
    .action(async (runIds: string[], flags: ReportFlags) =>
      setExitCode(await (await import('./report-command.ts')).reportCommand(runIds, flags, io)),
    );
}
