import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';

export function registerInitCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('init')
    .argument('[folder]', 'where to write the files (default: the working folder)')
    .option('--json', 'print { "folder", "written": [ … ] } instead of the text')
    .description(
      'write a commented parity.yaml with one example task (tasks/example.yaml and its dataset); then parity eval runs it',
    )
    .addHelpText(
      'after',
      '\nNever overwrites: when parity.yaml or a task file already exists it stops (exit 2). docs/tasks.md, "Project file".',
    )
    .action(async (folder: string | undefined, flags: { json?: boolean }) =>
      setExitCode(await (await import('./init-command.ts')).initCommand(folder, flags, io)),
    );
}
