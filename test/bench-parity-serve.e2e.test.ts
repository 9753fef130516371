import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { readBenchStepRecord } from '../src/report/bench-step-record.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startCli } from './support/run-cli.ts';

// The real thing end to end: `parity serve` (its own process, the embedded llama.cpp engine over a generated
// tiny GGUF) measured by `parity bench` with a three-step concurrency sweep, stored and reported.
describe('parity bench against parity serve on a tiny GGUF', () => {
  let directory: string;
  let serve: ReturnType<typeof startCli>;
  let url: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-bench-serve-'));
    await writeTinyGguf(join(directory, 'tiny.gguf'));
    serve = startCli(['serve', '--model', `local:${join(directory, 'tiny.gguf')}`, '--port', '0'], {
      cwd: directory,
    });
    const lines = createInterface({ input: serve.child.stdout! });
    url = await new Promise<string>((resolveUrl, reject) => {
      lines.on('line', (line) => {
        const match = /at (http:\/\/\S+)/.exec(line);
        if (match?.[1]) resolveUrl(match[1]);
      });
      void serve.done.then((result) => reject(new Error(`parity serve exited: ${result.stderr}`)));
    });
  });

  afterAll(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.done;
    rmSync(directory, { recursive: true, force: true });
  });

  it('runs a three-step concurrency sweep, stores it as a bench run and prints the table', async () => {
    const io = captureIo({ cwd: directory });
    const storePath = join(directory, 'parity.db');
    const code = await main(
      [
        'bench',
        '--model',
        'openai:tiny',
        '--base-url',
        url,
        '--concurrency',
        '1,2,4',
        '--requests',
        '4',
        '--input-tokens',
        '8',
        '--output-tokens',
        '4',
        '--no-early-stop',
        '--gpu-hourly',
        '1.2',
        '--store',
        storePath,
        '--json',
        'bench.json',
      ],
      io,
    );
    expect(code, io.output.stderr).toBe(0);
    expect(io.output.stdout).toMatch(/^load\s+ok\s+failed/m);
    expect(io.output.stdout).toMatch(/c=4\s+TTFT/);

    const steps = JSON.parse(readFileSync(join(directory, 'bench.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    expect(steps.map((step) => [step.concurrency, step.completed, step.failed])).toEqual([
      [1, 4, 0],
      [2, 4, 0],
      [4, 4, 0],
    ]);
    for (const step of steps) {
      expect(step.request_throughput).toBeGreaterThan(0);
      expect(step.median_ttft_ms).toBeGreaterThan(0);
      expect(step.cost_per_million_output_tokens_usd).toBeGreaterThan(0);
    }

    const store = openSqliteRunStore({ path: storePath });
    try {
      const [run] = store.listRuns();
      expect(run).toMatchObject({ kind: 'bench', status: 'completed', doneItems: 3, totalItems: 3 });
      const stored = store.getRun(run?.runId ?? '');
      const records = (stored?.items ?? []).map((item) =>
        readBenchStepRecord(item, { runId: run?.runId ?? '' }),
      );
      expect(
        records.map((record) => [record.stepIndex, record.metrics.load, record.requests.length]),
      ).toEqual([
        [0, { type: 'concurrency', concurrency: 1 }, 4],
        [1, { type: 'concurrency', concurrency: 2 }, 4],
        [2, { type: 'concurrency', concurrency: 4 }, 4],
      ]);
      expect(records[2]?.requests.every((request) => request.status === 'ok' && request.ttftMs! > 0)).toBe(
        true,
      );
    } finally {
      store.close();
    }
  });
});
