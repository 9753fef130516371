import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, createModel, evaluate, InputError, openStore } from '../src/api/index.ts';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';

const demoData = resolve(import.meta.dirname, '../src/cli/demo-data');

/** The library runs the engine `parity eval` and `parity compare` run: same requests, same runs, same JSON. */
describe('the library API against the CLI', () => {
  const directory = mkdtempSync(join(tmpdir(), 'parity-library-'));
  let server: OpenAICompatibleServer;

  beforeAll(async () => {
    // 'letter-a' always answers A (right on 3 of the 12 demo items), 'unsure' never answers.
    server = await startOpenAICompatibleServer({
      models: ['letter-a', 'unsure'],
      respond: ({ body }) => ({
        text: body.model === 'letter-a' ? 'The best answer is A.' : 'I am not sure.',
      }),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('evaluate sends the requests parity eval sends and stores the same run configuration', async () => {
    const cliStore = join(directory, 'cli.db');
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        ...['eval', '--model', 'vllm:letter-a', '--base-url', server.url, '--bench', 'mmlu'],
        ...['--data-dir', demoData, '--store', cliStore, '--no-download', '--concurrency', '2'],
      ],
      io,
    );
    expect(code).toBe(0);
    const cliRequests = server.requests.splice(0).map((body) => JSON.stringify(body));

    const store = openStore(join(directory, 'library.db'));
    const lines: string[] = [];
    try {
      const report = await evaluate({
        model: 'vllm:letter-a',
        modelOptions: { baseUrl: server.url },
        benchmark: 'mmlu',
        store,
        dataDir: demoData,
        concurrency: 2,
        log: (line) => lines.push(line),
      });
      const libraryRequests = server.requests.splice(0).map((body) => JSON.stringify(body));
      expect(libraryRequests.sort()).toEqual(cliRequests.sort());
      expect(libraryRequests).toHaveLength(12);
      expect(report.metrics.accuracy).toMatchObject({ value: 0.25, n: 12 });
      expect(lines[0]).toBe(`run ${report.run_id}: mmlu mmlu.gen.5shot on vllm:letter-a, 12 items`);

      const cli = openStore(cliStore);
      try {
        const [cliRun] = cli.listRuns();
        expect(store.getSummary(report.run_id)?.config).toEqual(cliRun?.config);
        expect(store.getSummary(report.run_id)?.status).toBe('completed');
      } finally {
        cli.close();
      }
    } finally {
      store.close();
    }
  });

  it('compare gives what parity compare --json prints for the same runs', async () => {
    const path = join(directory, 'compare.db');
    const store = openStore(path);
    try {
      const runs: string[] = [];
      for (const id of ['letter-a', 'unsure']) {
        const model = createModel(`vllm:${id}`, { baseUrl: server.url });
        try {
          runs.push((await evaluate({ model, benchmark: 'mmlu', store, dataDir: demoData })).run_id);
        } finally {
          await model.close?.();
        }
      }
      const report = compare({ store, runs, margin: { points: 5 } });
      const io = captureIo({ cwd: directory });
      expect(await main(['compare', ...runs, '--store', path, '--json', '--margin', '5'], io)).toBe(0);
      expect(report).toEqual(JSON.parse(io.output.stdout));
      expect(report.comparisons[0]?.difference.value).toBeCloseTo(0.25, 10);
    } finally {
      store.close();
    }
  });

  it('refuses what it cannot do with an InputError naming the option', async () => {
    const store = openStore(join(directory, 'refusals.db'));
    try {
      await expect(
        evaluate({
          model: 'vllm:letter-a',
          modelOptions: { baseUrl: server.url },
          benchmark: 'mtbench',
          store,
        }),
      ).rejects.toThrow(/graded by a judge model; use 'parity eval --judge'/);
      await expect(
        evaluate({ model: 'vllm:letter-a', modelOptions: { baseUrl: server.url }, benchmark: 'nope', store }),
      ).rejects.toBeInstanceOf(InputError);
      expect(() => compare({ store, runs: ['only-one'] })).toThrow(/no run 'only-one'/);
      expect(() => compare({ store, runs: [] })).toThrow(/name at least two runs/);
    } finally {
      store.close();
    }
  });
});
