import type { CommanderError } from 'commander';

/**
 * Commander's own refusals (unknown option, missing argument, bad choice) in parity's one-line form:
 * `parity: <what is wrong> (see 'parity <command> --help')`, like every other bad-input error.
 */
export function commanderErrorLine(error: CommanderError, command: string | undefined): string {
  const message = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const hint =
    command === undefined || error.code === 'commander.unknownCommand'
      ? "see 'parity --help'"
      : `see 'parity ${command} --help'`;
  return `parity: ${message} (${hint})`;
}
