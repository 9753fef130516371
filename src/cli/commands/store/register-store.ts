import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { collect } from '../../options/collect.ts';
import type { StoreCopyFlags } from './store-command.ts';

export function registerStoreCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const store = program
    .command('store')
    .description('move runs between run stores (SQLite file, PostgreSQL)');
  store
    .command('copy')
    .description('copy runs with their items, fingerprints, gold answers, labels and the response cache')
    .requiredOption('--from <store>', 'source: sqlite:PATH (or a path) or postgres://user@host/db')
    .requiredOption('--to <store>', 'destination: sqlite:PATH (or a path) or postgres://user@host/db')
    .option('--run <run-id>', 'copy only this run (repeatable); default every run', collect)
    .option('--json', 'print JSON: { copied, skipped, items, cacheEntries }')
    .action(async (flags: StoreCopyFlags) =>
      setExitCode((await import('./store-command.ts')).storeCopyCommand(flags, io)),
    );
}
