import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { storeOption } from '../../options/store-option.ts';
import type { ImportFlags } from './import-command.ts';

export function registerImportCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('import')
    .description(
      'store per-item results produced elsewhere (scores or completions) as a run, to compare like any other',
    )
    .requiredOption('--bench <id>', 'benchmark id')
    .requiredOption(
      '--samples <file>',
      'JSON Lines: {"id", "score"} (stored as given) or {"id", "completion"} (scored here), "sample"?, "model"?',
    )
    .option(
      '--model <name>',
      "the run's model name; in a file with 'model' fields, also which lines to import (default: the file's model, else the file name)",
    )
    .option('--protocol <id>', "protocol the results were produced with (default: the benchmark's default)")
    .option(
      '--data-dir <dir>',
      'folder with the upstream dataset files (env PARITY_DATA_DIR); needed for completions',
    )
    .option('--no-download', 'never download datasets')
    .addOption(storeOption())
    .option('--json', "print the imported run's scores as JSON (docs/cli.md) instead of the table")
    .addHelpText(
      'after',
      '\nThe last line of output is the new run id.\nExample: parity import --bench mmlu --samples gpt4.jsonl --model gpt-4',
    )
    .action(async (flags: ImportFlags) =>
      setExitCode(await (await import('./import-command.ts')).importCommand(flags, io)),
    );
}
