import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { starterFiles } from './starter-files.ts';

/**
 * `parity init [folder]`: writes a commented `parity.yaml`, one example task and its dataset into the folder
 * (default: the working folder; created when missing). Refuses (exit 2, one line) when any of them exists,
 * before writing anything. `--json` prints `{ "folder", "written": [paths] }`.
 */
export async function initCommand(
  folderArgument: string | undefined,
  flags: { readonly json?: boolean },
  io: CliIo,
): Promise<number> {
  const folder = resolve(io.cwd, folderArgument ?? '.');
  const existing = starterFiles.map((file) => file.path).filter((path) => existsSync(resolve(folder, path)));
  if (existing.length > 0) {
    throw new InputError(
      `already exists; parity init never overwrites (remove it or edit it)${existing.length > 1 ? ` (also ${existing.slice(1).join(', ')})` : ''}`,
      { location: resolve(folder, existing[0] ?? '') },
    );
  }
  for (const file of starterFiles) {
    const path = resolve(folder, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text, { flag: 'wx' });
    if (!flags.json) io.stdout(`wrote ${file.path}\n`);
  }
  if (flags.json) {
    io.stdout(`${JSON.stringify({ folder, written: starterFiles.map((file) => file.path) }, null, 2)}\n`);
    return 0;
  }
  const where = folderArgument === undefined ? '' : ` in ${folder}`;
  io.stdout(
    `next: set OPENAI_API_KEY (or edit the models in parity.yaml), then run 'parity eval'${where} to run the project\n`,
  );
  return 0;
}
