import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';

describe('parity bench shows progress within a step', () => {
  let directory: string;
  let server: OpenAICompatibleServer;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-bench-progress-'));
    server = await startOpenAICompatibleServer({
      models: ['tiny'],
      recordRequests: false,
      respond: () => ({ text: 'a b c d', ttftMs: 20, perChunkMs: 5 }),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('redraws `step 1/1 c=2: N/40 requests` in place on a terminal, under 80 columns, then the step line', async () => {
    const io = { ...captureIo({ cwd: directory }), isTTY: true };
    const code = await main(
      [
        'bench',
        ...['--model', 'openai:tiny', '--base-url', server.url, '--concurrency', '2', '--requests', '40'],
        ...['--input-tokens', '8', '--output-tokens', '4', '--store', join(directory, 'parity.db')],
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    // ESC [2K (erase line) after a carriage return starts each redraw; shown here as '<erase>'.
    const stderr = io.output.stderr.replaceAll('\r\u001b[2K', '<erase>');
    const draws = [...stderr.matchAll(/<erase>(step 1\/1 c=2: (\d+)\/40 requests, 0 failed, [\d.]+ s)/g)];
    expect(draws.length).toBeGreaterThan(2);
    const counts = draws.map((draw) => Number(draw[2]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(draws.every((draw) => (draw[1] ?? '').length < 80)).toBe(true);
    // The drawn line is cleared before the step's own result line.
    expect(stderr).toMatch(/<erase>step 1\/1 c=2: 40 ok, 0 failed/);
  });
});
