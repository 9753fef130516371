import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARITY_BIN } from './support/run-cli.ts';
import { everyCommandFixture, type CommandCase, type EveryCommandFixture } from './support/every-command.ts';

/**
 * Runs `parity <case>` with stdout connected to a pipe whose reader has already gone (as `parity runs | head`
 * after head exits): every write to stdout fails with EPIPE.
 */
function runIntoClosedPipe(
  fixture: EveryCommandFixture,
  testCase: CommandCase,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [PARITY_BIN, testCase.command, ...testCase.args], {
    cwd: fixture.directory,
    env: { PATH: process.env.PATH ?? '', HOME: fixture.directory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Servers print their URL on stdout first; should one survive that, stop it.
  const stop = setTimeout(() => child.kill('SIGTERM'), 60_000);
  return new Promise((resolveExit) =>
    child.on('close', (code, signal) => {
      clearTimeout(stop);
      resolveExit({ code, signal, stderr });
    }),
  );
}

describe('every command piped into a closed pipe', () => {
  let fixture: EveryCommandFixture;
  beforeAll(async () => {
    fixture = await everyCommandFixture();
  }, 120_000);
  afterAll(() => fixture.close());

  it('exits quietly: code 0, no EPIPE, no stack trace, never killed', async () => {
    const noisy: unknown[] = [];
    for (const testCase of fixture.cases) {
      const result = await runIntoClosedPipe(fixture, testCase);
      const trace = /EPIPE|Error:|^\s+at /m.test(result.stderr);
      if (result.code !== 0 || result.signal !== null || trace) {
        noisy.push({ command: testCase.command, ...result, stderr: result.stderr.slice(-400) });
      }
    }
    expect(noisy).toEqual([]);
  }, 400_000);
});
