import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { VIEW_DEFAULTS } from '../../options/defaults.ts';
import { storeOption } from '../../options/store-option.ts';
import type { ViewFlags } from './view-command.ts';

/** Adds `parity view` to the program. */
export function registerViewCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('view')
    .description(
      'serve a local web app over the run store: runs, leaderboards, comparisons, items, latency, cost',
    )
    .option(
      '--host <host>',
      'address to bind; anything but loopback (127.0.0.1, ::1, localhost) must be given explicitly',
      VIEW_DEFAULTS.host,
    )
    .option('--port <n>', 'port to listen on (0: any free port)', String(VIEW_DEFAULTS.port))
    .addOption(storeOption())
    .option('--json', 'print { "url", "store" } as one JSON line once listening, instead of the text lines')
    .addHelpText('after', '\nOpens nothing by itself: open the printed URL. Ctrl-C stops the server.')
    .action(async (flags: ViewFlags, command: Command) => {
      const hostIsExplicit = command.getOptionValueSource('host') === 'cli';
      setExitCode(await (await import('./view-command.ts')).viewCommand(flags, io, { hostIsExplicit }));
    });
}
