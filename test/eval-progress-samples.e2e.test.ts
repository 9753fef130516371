import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticGsm8k } from './support/synthetic-datasets.ts';

const ROWS = 5;

describe('progress of a sampled run (--samples)', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-progress-'));
    writeSyntheticGsm8k(join(directory, 'data'), { rows: ROWS });
    server = await startOpenAICompatibleServer({ respond: () => ({ text: 'The answer is 3.' }) });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('counts every sample of every item against a total of items × samples', async () => {
    // A terminal: the bar is drawn once more when the run ends, with the final count.
    const io = { ...captureIo({ cwd: directory }), isTTY: true };
    const code = await main(
      [
        ...['eval', '--model', 'openai:m', '--base-url', server.url, '--bench', 'gsm8k'],
        ...['--data-dir', join(directory, 'data'), '--store', join(directory, 'parity.db')],
        ...['--samples', '2', '--temperature', '0.8'],
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    // `12/24  50%` (full bar) or `12/24 3.2/s` (the compact bar that fits 80 columns).
    const counts = [...io.output.stderr.matchAll(/(\d+)\/(\d+)(?: {2}\d+%| [\d.]+\/s)/g)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ]);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every(([done, total]) => total === 2 * ROWS && (done ?? 0) <= (total ?? 0))).toBe(true);
    expect(counts.at(-1)).toEqual([2 * ROWS, 2 * ROWS]);
  });
});
