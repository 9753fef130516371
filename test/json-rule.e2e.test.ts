import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { everyCommandFixture, type CommandCase, type EveryCommandFixture } from './support/every-command.ts';

/** Every command `parity --help` lists. */
async function listedCommands(): Promise<string[]> {
  const io = captureIo({ cwd: process.cwd() });
  await main(['--help'], io);
  return [...io.output.stdout.matchAll(/^ {2}([a-z][a-z-]*)(?: [^\n]*)?$/gm)]
    .map((match) => match[1] as string)
    .filter((name) => name !== 'help');
}

/** Runs one case in-process; servers are stopped once they printed their first stdout line. */
async function run(fixture: EveryCommandFixture, testCase: CommandCase, extra: readonly string[]) {
  const controller = new AbortController();
  const io = captureIo({ cwd: fixture.directory, signal: controller.signal });
  const stdout = (text: string): void => {
    io.stdout(text);
    if (testCase.server) controller.abort();
  };
  const code = await main([testCase.command, ...testCase.args, ...extra], { ...io, stdout });
  return { code, ...io.output };
}

describe('the --json rule on every command', () => {
  let fixture: EveryCommandFixture;
  beforeAll(async () => {
    fixture = await everyCommandFixture();
  }, 120_000);
  afterAll(() => fixture.close());

  it('covers every command parity lists', async () => {
    expect(fixture.cases.map((testCase) => testCase.command).sort()).toEqual((await listedCommands()).sort());
  });

  it('--json prints one JSON document on stdout and nothing else (servers: one JSON line)', async () => {
    const failures: unknown[] = [];
    for (const testCase of fixture.cases) {
      const result = await run(fixture, testCase, ['--json']);
      let parsed: unknown;
      try {
        parsed = JSON.parse(testCase.server ? (result.stdout.split('\n')[0] ?? '') : result.stdout);
      } catch {
        parsed = undefined;
      }
      if (result.code !== 0 || parsed === undefined || typeof parsed !== 'object') {
        failures.push({
          command: testCase.command,
          code: result.code,
          stdout: result.stdout.slice(0, 300),
          stderr: result.stderr.slice(-300),
        });
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('--json-file FILE writes the same JSON to FILE and leaves stdout empty', async () => {
    for (const command of ['runs', 'prices', 'show']) {
      const testCase = fixture.cases.find((candidate) => candidate.command === command) as CommandCase;
      const file = join(fixture.directory, `${command}.json`);
      const toFile = await run(fixture, testCase, ['--json-file', file]);
      const toStdout = await run(fixture, testCase, ['--json']);
      expect({ command, code: toFile.code, stdout: toFile.stdout }).toEqual({ command, code: 0, stdout: '' });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(toStdout.stdout));
    }
  });

  it('the older eval --json FILE still prints the table and writes the file', async () => {
    const testCase = fixture.cases.find((candidate) => candidate.command === 'eval') as CommandCase;
    const file = join(fixture.directory, 'eval-old.json');
    const result = await run(fixture, testCase, ['--json', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^model\s+benchmark\s+protocol/);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { runs: unknown[] }).runs).toHaveLength(1);
  });
});
