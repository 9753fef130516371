// `node --import tsx bench/adaptive-concurrency.ts` (also part of `npm run bench`): how close adaptive
// concurrency settles to a server's capacity. `parity eval` at --concurrency 16 against a server that serves 3
// requests at once (15 ms each) and answers 429 to any request beyond that. Prints the most requests in flight the
// server saw in the second half of the run and the share of requests refused. Target: at most capacity + 2 in
// flight, fewer than half refused. Timing-dependent (a busy machine shifts both), so it prints and never fails;
// test/adaptive-concurrency.e2e.test.ts asserts the load-independent behaviour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.ts';
import { captureIo } from '../test/support/capture-io.ts';
import { startOpenAICompatibleServer } from '../test/support/openai-compatible-server.ts';
import { writeSyntheticMmlu } from '../test/support/synthetic-datasets.ts';

const CAPACITY = 3;
const SUBJECTS = 4;
const ROWS = 20;
const TOTAL = SUBJECTS * ROWS;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const directory = mkdtempSync(join(tmpdir(), 'parity-adaptive-bench-'));
let inFlight = 0;
let refused = 0;
const arrivals: number[] = [];
writeSyntheticMmlu(join(directory, 'data'), { subjects: SUBJECTS, rowsPerSubject: ROWS });
const server = await startOpenAICompatibleServer({
  recordRequests: false,
  respond: async () => {
    inFlight += 1;
    arrivals.push(inFlight);
    const overloaded = inFlight > CAPACITY;
    try {
      await pause(overloaded ? 2 : 15);
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
try {
  const io = captureIo({ cwd: directory, env: { OPENAI_API_KEY: 'sk-bench' } });
  const code = await main(
    [
      ...['eval', '--model', 'openai:test-model', '--base-url', server.url, '--bench', 'mmlu'],
      ...['--data-dir', join(directory, 'data'), '--store', join(directory, 'runs.db'), '--no-download'],
      ...['--concurrency', '16', '--retries', '30', '--rpm', '100000', '--tpm', '100000000'],
    ],
    io,
  );
  const secondHalf = arrivals.slice(Math.floor(arrivals.length / 2));
  const settled = Math.max(...secondHalf);
  const share = refused / (TOTAL + refused);
  console.log(
    '\nadaptive concurrency against a server of capacity 3 (test/adaptive-concurrency.e2e.test.ts)',
  );
  console.log(
    `  most in flight in the second half: ${settled} (target ≤ ${CAPACITY + 2})  ` +
      `refused: ${refused} of ${TOTAL + refused} requests (${(100 * share).toFixed(0)}%, target < 50%)` +
      (code === 0 ? '' : `  warning: eval exited with ${code}`),
  );
} finally {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
}
