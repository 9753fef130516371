// `parity eval` without --queue must not load pg-boss (the queue library of the team store): loading it cost
// start-up time on every run and failed wherever the package is missing. A module hook refuses to resolve it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function importWithoutPgBoss(module: string): number | null {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      join(root, 'test/support/refuse-pg-boss.mjs'),
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(join(root, module))});`,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  return result.status;
}

describe('the eval command without --queue', () => {
  it('loads without the queue library', () => {
    expect(importWithoutPgBoss('src/cli/commands/eval/eval-command.ts')).toBe(0);
  });

  it('(the hook works: the queue module itself fails to load)', () => {
    expect(importWithoutPgBoss('src/store/postgres/item-queue.ts')).not.toBe(0);
  });
});
