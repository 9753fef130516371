import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compare,
  createModel,
  evaluate,
  InputError,
  openStore,
  type EvaluateOptions,
} from '../src/api/index.ts';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from './support/openai-compatible-server.ts';

const demoData = resolve(import.meta.dirname, '../src/cli/demo-data');
const sharedDatasets = resolve(import.meta.dirname, '../../shared/datasets');

/** The library runs the engine `parity eval` and `parity compare` run: same requests, same runs, same JSON. */
describe('the library API against the CLI', () => {
  const directory = mkdtempSync(join(tmpdir(), 'parity-library-'));
  let server: OpenAICompatibleServer;

  beforeAll(async () => {
    // 'letter-a' always answers A (right on 3 of the 12 demo items), 'unsure' never answers, 'judge' rates 7.
    server = await startOpenAICompatibleServer({
      models: ['letter-a', 'unsure', 'judge'],
      respond: ({ body }) => ({
        text:
          body.model === 'judge'
            ? 'Well done. Rating: [[7]]'
            : body.model === 'letter-a'
              ? 'The best answer is A.'
              : 'I am not sure.',
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

  /** Runs `parity eval` and `evaluate` with the same settings; returns both runs' requests and configurations. */
  async function runBoth(
    name: string,
    cliFlags: readonly string[],
    libraryOptions: Partial<EvaluateOptions>,
  ) {
    const cliStore = join(directory, `${name}-cli.db`);
    const io = captureIo({ cwd: directory });
    const code = await main(
      ['eval', '--base-url', server.url, '--store', cliStore, '--no-download', ...cliFlags],
      io,
    );
    expect(io.output.stderr.split('\n').filter((line) => line.startsWith('parity:'))).toEqual([]);
    expect(code).toBe(0);
    const cliRequests = server.requests.splice(0).map((body) => JSON.stringify(body));
    const store = openStore(join(directory, `${name}-library.db`));
    const cli = openStore(cliStore);
    try {
      const report = await evaluate({
        model: 'vllm:letter-a',
        modelOptions: { baseUrl: server.url },
        benchmark: 'mmlu',
        store,
        ...libraryOptions,
      });
      return {
        requests: {
          cli: cliRequests.sort(),
          library: server.requests
            .splice(0)
            .map((body) => JSON.stringify(body))
            .sort(),
        },
        configs: { cli: cli.listRuns()[0]?.config, library: store.getSummary(report.run_id)?.config },
        report,
      };
    } finally {
      store.close();
      cli.close();
    }
  }

  it('sampling and generation settings reach the requests and the run as their parity eval flags do', async () => {
    const both = await runBoth(
      'sampling',
      [
        ...['--model', 'vllm:letter-a', '--bench', 'mmlu', '--data-dir', demoData, '--limit', '3'],
        ...['--samples', '2', '--temperature', '0.7', '--top-p', '0.9', '--max-tokens', '64'],
        ...['--system-prompt', 'Be brief.'],
      ],
      {
        dataDir: demoData,
        limit: 3,
        samples: 2,
        temperature: 0.7,
        topP: 0.9,
        maxTokens: 64,
        systemPrompt: 'Be brief.',
      },
    );
    expect(both.requests.library).toEqual(both.requests.cli);
    expect(both.requests.library).toHaveLength(6);
    expect(both.requests.library[0]).toContain('"temperature":0.7');
    expect(both.requests.library[0]).toContain('Be brief.');
    expect(both.configs.library).toEqual(both.configs.cli);
    expect(both.configs.library).toMatchObject({
      samples: 2,
      temperature: 0.7,
      generationOverrides: { maxTokens: 64 },
    });
  });

  it('refuses several greedy samples with the message of --samples', async () => {
    const store = openStore(join(directory, 'greedy.db'));
    try {
      await expect(
        evaluate({
          model: 'vllm:letter-a',
          modelOptions: { baseUrl: server.url },
          benchmark: 'mmlu',
          store,
          dataDir: demoData,
          samples: 3,
        }),
      ).rejects.toThrow(/3 samples per item need sampling/);
    } finally {
      store.close();
    }
  });

  it.skipIf(!existsSync(join(sharedDatasets, 'mt_bench')))(
    'MT-Bench with a judge sends the requests parity eval --judge sends (skipped: ../shared/datasets/mt_bench not present)',
    async () => {
      const both = await runBoth(
        'mtbench',
        [
          ...['--model', 'vllm:letter-a', '--bench', 'mtbench', '--data-dir', sharedDatasets, '--limit', '2'],
          ...['--judge', 'vllm:judge', '--judge-base-url', server.url],
        ],
        {
          benchmark: 'mtbench',
          dataDir: sharedDatasets,
          limit: 2,
          judge: { model: 'vllm:judge', modelOptions: { baseUrl: server.url } },
        },
      );
      expect(both.requests.library).toEqual(both.requests.cli);
      // Two questions, two turns each, and a judgment per turn.
      expect(both.requests.library).toHaveLength(8);
      expect(both.configs.library).toEqual(both.configs.cli);
      expect(both.configs.library?.judge).toMatchObject({ modelSpec: 'vllm:judge', repeats: 1 });
    },
  );

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
      ).rejects.toThrow(/graded by a judge model: pass judge/);
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
