import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/capture-io.ts';
import { commandsDefinedFor, main } from './main.ts';

/** A command line naming a command defines only that command (docs/decisions/0345); anything else, all. */
const folders = readdirSync(join(import.meta.dirname, 'commands'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

async function output(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo({ cwd: process.cwd() });
  const code = await main(argv, io);
  return { code, ...io.output };
}

describe('the commands main defines for a command line', () => {
  it('are all of them, one per command folder, unless the line starts with a command name', () => {
    expect([...commandsDefinedFor([])].sort()).toEqual([...folders].sort());
    for (const argv of [['--help'], ['help', 'eval'], ['evl'], ['--version'], ['Eval']]) {
      expect(commandsDefinedFor(argv)).toHaveLength(folders.length);
    }
  });

  it('are only the named command when the line starts with it', () => {
    for (const name of folders) expect(commandsDefinedFor([name, '--help'])).toEqual([name]);
    expect(commandsDefinedFor(['eval', '--bench', 'mmlu'])).toEqual(['eval']);
  });

  it('give each command the same help alone as among all (`parity help <command>` defines all)', async () => {
    for (const name of folders) {
      const alone = await output([name, '--help']);
      const amongAll = await output(['help', name]);
      expect({ name, ...alone }).toEqual({ name, ...amongAll });
      expect(alone.stdout).toContain(`Usage: parity ${name} `);
    }
  });

  it('still suggests a command for a mistyped name', async () => {
    const result = await output(['evl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('eval');
  });
});
