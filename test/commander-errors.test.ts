import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';

async function run(argv: string[]) {
  const io = captureIo({ cwd: process.cwd() });
  const code = await main(argv, io);
  return { code, ...io.output };
}

describe("the option parser's errors in parity's one-line form", () => {
  it.each([
    [['evl'], "parity: unknown command 'evl' (Did you mean eval?) (see 'parity --help')\n"],
    [['--bogus'], "parity: unknown option '--bogus' (see 'parity --help')\n"],
    [
      ['eval', '--bench', 'mmlu'],
      'parity: --model: name the model to evaluate (--model <spec>; parity.yaml names them when no --bench)\n',
    ],
    [['show'], "parity: missing required argument 'run-id' (see 'parity show --help')\n"],
    [['runs', '--limit', '3'], "parity: unknown option '--limit' (see 'parity runs --help')\n"],
    [
      ['runs', '--status', 'done'],
      "parity: option '--status <status>' argument 'done' is invalid. Allowed choices are running, interrupted, completed, failed. (see 'parity runs --help')\n",
    ],
    [
      ['label', 'a', 'b', 'c'],
      "parity: too many arguments for 'label'. Expected 2 arguments but got 3. (see 'parity label --help')\n",
    ],
  ])('%j', async (argv, line) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr: line });
  });

  it('help and version are not errors', async () => {
    expect((await run(['--version'])).code).toBe(0);
    expect((await run(['runs', '--help'])).code).toBe(0);
  });
});
