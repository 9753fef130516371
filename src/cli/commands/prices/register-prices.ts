import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { PricesFlags } from './prices-command.ts';

export function registerPricesCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('prices')
    .description(
      'list API prices per million tokens and GPU prices per hour, with their source and as-of date',
    )
    .option('--model <name>', 'only this model (catalog id, alias or provider model name)')
    .option(
      '--prices <file-or-url>',
      "override catalog prices with litellm's or OpenRouter's price list (JSON) for this command",
    )
    .option('--stale-after <days>', 'warn about prices older than this many days (and mark them)')
    .option(
      '--update <file-or-url>',
      "take in litellm's model_prices_and_context_window.json (or OpenRouter's list) for good: saved beside the run store",
    )
    .option('--store <path>', 'run store whose folder keeps the --update prices (env PARITY_STORE)')
    .option('--json', 'print JSON: { "prices": [ … ], "gpus": [ … ] }')
    .action(async (flags: PricesFlags) =>
      setExitCode(await (await import('./prices-command.ts')).pricesCommand(flags, io)),
    );
}
