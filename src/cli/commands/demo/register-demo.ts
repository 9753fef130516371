import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { RunParity } from './demo-command.ts';
import { storeOption } from '../../options/store-option.ts';

/** Adds `parity demo` to the program. */
export function registerDemoCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  run: RunParity,
): void {
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
      setExitCode(await (await import('./demo-command.ts')).demoCommand(flags, io, run)),
    );
}
