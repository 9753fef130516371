import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/** Requests the server serves at once; one more in flight gets 429. */
const CAPACITY = 3;
const SUBJECTS = 4;
const ROWS = 20;
const TOTAL = SUBJECTS * ROWS;
const fakeKey = 'sk-parity-fake-key-7c1e0a9b3d5f';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** A pause that does not keep the process alive once the test is done. */
const fallback = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

describe('parity eval against a server that answers 429 above a fixed number of requests in flight', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  let inFlight = 0;
  /** Requests in flight at each arrival (the arrival included), refused or not. */
  const arrivals: number[] = [];
  let refused = 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-adaptive-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: SUBJECTS, rowsPerSubject: ROWS });
    // The first CAPACITY requests are held until one more arrives (the client starts with 16 in flight), so the
    // first burst overlaps at the server however slowly a loaded machine lets the client send: an event, not a
    // timer, decides it. The 10 s fallback only keeps a broken client from hanging the test.
    let releaseFirstBurst = (): void => undefined;
    const firstBurstOverlapped = new Promise<void>((resolve) => {
      releaseFirstBurst = resolve;
    });
    server = await startOpenAICompatibleServer({
      recordRequests: false,
      respond: async () => {
        inFlight += 1;
        arrivals.push(inFlight);
        const arrival = arrivals.length;
        const overloaded = inFlight > CAPACITY;
        if (overloaded) releaseFirstBurst();
        try {
          if (overloaded) await pause(2);
          else if (arrival <= CAPACITY) await Promise.race([firstBurstOverlapped, fallback(10_000)]);
          else await pause(15);
        } finally {
          inFlight -= 1;
        }
        if (overloaded) {
          refused += 1;
          return {
            status: 429,
            errorBody: { error: { message: 'Rate limit reached', type: 'rate_limit_exceeded' } },
          };
        }
        return { text: 'The best answer is A.' };
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  // Load-independent properties only: how close the limit settles to the capacity depends on timing (a busy
  // machine delays the client's sends and the server's answers differently) and is measured by
  // bench/adaptive-concurrency.ts; the adaptive step itself is unit-tested in src/runner/adaptive-limit.test.ts.
  it('stores every item, is refused at first and lowers its concurrency below the ceiling', async () => {
    const store = join(directory, 'runs.db');
    const io = captureIo({ cwd: directory, env: { OPENAI_API_KEY: fakeKey } });
    const code = await main(
      [
        ...['eval', '--model', 'openai:test-model', '--base-url', server.url, '--bench', 'mmlu'],
        ...['--data-dir', join(directory, 'data'), '--store', store, '--no-download'],
        ...['--concurrency', '16', '--retries', '30', '--rpm', '100000', '--tpm', '100000000'],
      ],
      io,
    );
    expect(io.output.stderr).not.toContain(fakeKey);
    expect(io.output.stdout).not.toContain(fakeKey);
    expect(code).toBe(0);

    const opened = openSqliteRunStore({ path: store });
    try {
      const [run] = opened.listRuns();
      const stored = opened.getRun(run?.runId ?? '');
      const ids = (stored?.items ?? []).map((item) => item.itemId);
      expect(ids).toHaveLength(TOTAL);
      expect(new Set(ids).size).toBe(TOTAL);
      expect(stored?.items.every((item) => item.status === 'ok')).toBe(true);
    } finally {
      opened.close();
    }

    // The first burst used the whole ceiling and met 429s; the limit never went above the ceiling, it came down
    // below it and every refused request was retried to success (every item is stored ok above).
    expect(Math.max(...arrivals.slice(0, 16))).toBeGreaterThan(CAPACITY);
    expect(Math.max(...arrivals)).toBeLessThanOrEqual(16);
    expect(refused).toBeGreaterThan(0);
    expect(arrivals.length).toBe(TOTAL + refused);
    const report = /adaptive concurrency went down to (\d+), now (\d+) of 16/.exec(io.output.stderr);
    expect(report).not.toBeNull();
    expect(Number(report?.[1])).toBeLessThan(16);
    expect(Number(report?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(report?.[2])).toBeLessThanOrEqual(16);
    expect(io.output.stderr).toMatch(
      new RegExp(`openai:test-model: ${refused} overload answers \\(429/503/529\\); adaptive concurrency`),
    );
  });

  it('refuses a bad --rpm in one line with exit code 2', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      ['eval', '--model', 'openai:test-model', '--base-url', server.url, '--bench', 'mmlu', '--rpm', '0'],
      io,
    );
    expect(code).toBe(2);
    expect(io.output.stderr.trim()).toBe("parity: --rpm: expected a whole number ≥ 1, got '0'");
    const resumeIo = captureIo({ cwd: directory });
    expect(await main(['resume', 'any-run', '--tpm', 'lots'], resumeIo)).toBe(2);
    expect(resumeIo.output.stderr.trim()).toBe("parity: --tpm: expected a whole number ≥ 1, got 'lots'");
  });
});
