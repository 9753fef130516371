import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { starterFiles } from './starter-files.ts';

/**
 * `parity init`: writes a commented `parity.yaml`, one example task and its dataset into the working folder.
 * Refuses (exit 2, one line) when any of them exists, before writing anything.
 */
export async function initCommand(io: CliIo): Promise<number> {
  const existing = starterFiles.map((file) => file.path).filter((path) => existsSync(resolve(io.cwd, path)));
  if (existing.length > 0) {
    throw new InputError(
      `already exists; parity init never overwrites (remove it or edit it)${existing.length > 1 ? ` (also ${existing.slice(1).join(', ')})` : ''}`,
      { location: resolve(io.cwd, existing[0] ?? '') },
    );
  }
  for (const file of starterFiles) {
    const path = resolve(io.cwd, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text, { flag: 'wx' });
    io.stdout(`wrote ${file.path}\n`);
  }
  io.stdout(
    "next: set OPENAI_API_KEY (or edit the models in parity.yaml), then run 'parity eval' to run the project\n",
  );
  return 0;
}

export function registerInitCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('init')
    .description(
      'write a commented parity.yaml with one example task (tasks/example.yaml and its dataset); then parity eval runs it',
    )
    .addHelpText(
      'after',
      '\nNever overwrites: when parity.yaml or a task file already exists it stops (exit 2). docs/tasks.md, "Project file".',
    )
    .action(async () => setExitCode(await initCommand(io)));
}
