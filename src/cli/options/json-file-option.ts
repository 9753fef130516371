import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';

/**
 * The one `--json` rule (docs/cli.md): on every command `--json` prints JSON on stdout instead of the text, and
 * `--json-file FILE` writes that same JSON to FILE instead of stdout (stdout then stays empty; progress and notes
 * stay on stderr). Adds `--json-file` to every command and returns the io whose stdout follows it.
 */
export function withJsonFileOption(program: Command, io: CliIo): CliIo {
  let write = io.stdout;
  for (const command of program.commands) {
    command.option('--json-file <file>', 'write the --json output to FILE instead of stdout (docs/cli.md)');
  }
  program.hook('preAction', (_program, action) => {
    const file: unknown = action.opts().jsonFile;
    if (typeof file !== 'string') return;
    const path = resolve(io.cwd, file);
    try {
      writeFileSync(path, '');
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unwritable';
      throw new InputError(`cannot write ${path} (${reason})`, { location: '--json-file' });
    }
    action.setOptionValue('json', true);
    // Appended as it comes, so that `serve` and `view` (which run until stopped) show their line at once.
    write = (text) => appendFileSync(path, text);
  });
  return { ...io, stdout: (text) => write(text) };
}
