import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { getBenchmark } from '../src/benchmarks/registry.ts';
import { main } from '../src/cli/main.ts';
import { probeLlama } from '../src/providers/local/probe-llama.test-helper.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { startCli, type CliResult } from './support/run-cli.ts';
import { arcLoglikPredictions } from '../src/benchmarks/arc/arc-loglik-0shot.ts';
import type { ArcData } from '../src/benchmarks/arc/index.ts';
import { writeSyntheticArc, writeSyntheticMmlu } from './support/synthetic-datasets.ts';
import type { ChildProcess } from 'node:child_process';

const llamaProblem = await probeLlama();

function storedItems(storePath: string, runId: string) {
  const store = openSqliteRunStore({ path: storePath });
  try {
    return store.getRun(runId)?.items ?? [];
  } finally {
    store.close();
  }
}

describe.skipIf(llamaProblem !== undefined)(
  `parity serve on a tiny GGUF, used by the official openai client and by parity eval (${llamaProblem ?? 'native binary loads'})`,
  () => {
    let directory: string;
    let child: ChildProcess;
    let done: Promise<CliResult>;
    let url = '';
    let client: OpenAI;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-serve-'));
      await writeTinyGguf(join(directory, 'tiny.gguf'), { contextLength: 4096 });
      writeSyntheticMmlu(join(directory, 'data'), { subjects: 2, rowsPerSubject: 3 });
      writeSyntheticArc(join(directory, 'data'), { rows: 6 });
      ({ child, done } = startCli(
        ['serve', '--model', `local:${join(directory, 'tiny.gguf')}`, '--port', '0'],
        {
          cwd: directory,
        },
      ));
      url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(seen);
          if (match?.[1]) resolve(match[1]);
        });
        void done.then((result) => reject(new Error(`serve exited: ${result.stderr}`)));
      });
      client = new OpenAI({ baseURL: url, apiKey: 'unused', maxRetries: 0 });
    }, 60_000);

    afterAll(async () => {
      child.kill('SIGTERM');
      const result = await done;
      expect(result.code).toBe(0);
      rmSync(directory, { recursive: true, force: true });
    });

    it('lists its model and answers chat completions, plain and streamed with usage', async () => {
      const models = await client.models.list();
      expect(models.data.map((model) => model.id)).toEqual(['tiny.gguf']);
      // The context the model is loaded with, in vLLM's ModelCard field.
      expect((models.data[0] as unknown as { max_model_len?: number }).max_model_len).toBe(4096);
      const messages = [{ role: 'user' as const, content: 'hello there' }];
      const plain = await client.chat.completions.create({
        model: 'tiny',
        messages,
        max_tokens: 6,
        temperature: 0,
      });
      expect(plain.choices[0]?.message.content?.length).toBeGreaterThan(0);
      expect(plain.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: 6 });
      const stream = await client.chat.completions.create({
        model: 'tiny',
        messages,
        max_tokens: 6,
        temperature: 0,
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let usage: unknown;
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish ??= chunk.choices[0]?.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe(plain.choices[0]?.message.content);
      expect(finish).toBe('length');
      expect(usage).toMatchObject({ completion_tokens: 6 });
    });

    it('answers completions with echo and logprobs, and rejects bad bodies with an OpenAI error', async () => {
      const completion = await client.completions.create({
        model: 'tiny',
        prompt: 'the answer is',
        max_tokens: 1,
        echo: true,
        logprobs: 1,
        temperature: 0,
      });
      const choice = completion.choices[0];
      expect(choice?.text.startsWith('the answer is')).toBe(true);
      expect(choice?.logprobs?.tokens?.join('')).toBe(choice?.text);
      expect(choice?.logprobs?.token_logprobs?.every((value) => typeof value === 'number')).toBe(true);
      const error = await client.chat.completions
        .create({ model: 'tiny', messages: [] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as Error).message).toContain('messages');
    });

    it('serves concurrent requests without mixing them up', async () => {
      const prompts = ['one two', 'three four', 'five six', 'seven'];
      const ask = (content: string) =>
        client.chat.completions
          .create({ model: 'tiny', messages: [{ role: 'user', content }], max_tokens: 5, temperature: 0 })
          .then((response) => response.choices[0]?.message.content);
      const sequential = [];
      for (const prompt of prompts) sequential.push(await ask(prompt));
      expect(await Promise.all(prompts.map(ask))).toEqual(sequential);
    });

    it('parity eval runs a generative protocol and mmlu.loglik.5shot through it over HTTP', async () => {
      const store = join(directory, 'parity.db');
      const args = (protocol: string) => [
        'eval',
        '--model',
        'openai:tiny',
        '--base-url',
        url,
        '--bench',
        'mmlu',
        '--protocol',
        protocol,
        '--data-dir',
        join(directory, 'data'),
        '--store',
        store,
        '--no-download',
        '--concurrency',
        '2',
      ];
      const letters = (runId: string) =>
        storedItems(store, runId)
          .map((item) => `${item.itemId}=${item.extracted}`)
          .sort();
      let httpRun = '';
      for (const protocol of ['mmlu.gen.5shot', 'mmlu.loglik.5shot']) {
        const io = captureIo({ cwd: directory });
        expect(await main(args(protocol), io), io.output.stderr).toBe(0);
        const runId = /run ([\w-]+):/.exec(io.output.stderr)?.[1] ?? '';
        const items = storedItems(store, runId);
        expect(items).toHaveLength(6);
        expect(items.every((item) => item.status === 'ok')).toBe(true);
        if (protocol === 'mmlu.loglik.5shot') {
          httpRun = runId;
          expect(items.every((item) => ['A', 'B', 'C', 'D'].includes(item.extracted ?? ''))).toBe(true);
          expect(items.every((item) => item.response?.logLikelihoods?.length === 4)).toBe(true);
        }
      }
      // The same protocol on the embedded engine directly picks the same letters.
      const localIo = captureIo({ cwd: directory });
      const localArgs = args('mmlu.loglik.5shot');
      localArgs[2] = `local:${join(directory, 'tiny.gguf')}`;
      localArgs.splice(3, 2);
      expect(await main(localArgs, localIo), localIo.output.stderr).toBe(0);
      expect(letters(/run ([\w-]+):/.exec(localIo.output.stderr)?.[1] ?? '')).toEqual(letters(httpRun));
    }, 120_000);

    it('parity eval runs arc.loglik.0shot (lm-eval arc_challenge) through it: acc and acc_norm from the log-likelihoods', async () => {
      const store = join(directory, 'arc.db');
      const io = captureIo({ cwd: directory });
      const jsonFile = join(directory, 'arc.json');
      const args = [
        ...['eval', '--model', 'openai:tiny', '--base-url', url, '--bench', 'arc'],
        ...['--protocol', 'arc.loglik.0shot', '--data-dir', join(directory, 'data'), '--store', store],
        ...['--no-download', '--concurrency', '2', '--json', jsonFile],
      ];
      expect(await main(args, io), io.output.stderr).toBe(0);
      const runId = /run ([\w-]+):/.exec(io.output.stderr)?.[1] ?? '';
      const items = storedItems(store, runId);
      expect(items).toHaveLength(6);
      const arcItems = new Map(
        (await getBenchmark('arc').loadItems(createDirectorySourceForTests(join(directory, 'data')))).map(
          (item) => [item.id, item.data as ArcData],
        ),
      );
      for (const record of items) {
        const data = arcItems.get(record.itemId);
        const logLikelihoods = record.response?.logLikelihoods ?? [];
        expect(record.status).toBe('ok');
        // Three- and four-choice questions alike: one log-likelihood per choice.
        expect(logLikelihoods).toHaveLength(data?.choices.length ?? -1);
        expect(logLikelihoods.every((value) => Number.isFinite(value) && value < 0)).toBe(true);
        const { predicted, predictedNorm } = arcLoglikPredictions(data as ArcData, logLikelihoods);
        const gold = data?.choices.findIndex((choice) => choice.letter === data.answer);
        expect(record.scores).toEqual({
          accuracy: predicted === gold ? 1 : 0,
          accuracy_norm: predictedNorm === gold ? 1 : 0,
        });
        expect(record.extracted).toBe(data?.choices[predicted]?.letter);
      }
      const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
        runs: { protocol: string; n: number; metrics: Record<string, { value: number }> }[];
      };
      expect(json.runs[0]?.protocol).toBe('arc.loglik.0shot');
      expect(Object.keys(json.runs[0]?.metrics ?? {})).toEqual(['accuracy', 'accuracy_norm']);
    }, 120_000);
  },
);

describe('parity eval refuses a protocol the endpoint cannot run', () => {
  it('says why and what to use instead, exit 2, before creating a run', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-refuse-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 1, rowsPerSubject: 2 });
    const common = [
      '--bench',
      'mmlu',
      '--protocol',
      'mmlu.loglik.5shot',
      '--data-dir',
      join(directory, 'data'),
    ];
    const anthropicIo = captureIo({ cwd: directory, env: { ANTHROPIC_API_KEY: 'sk-ant-fake' } });
    expect(await main(['eval', '--model', 'anthropic:claude-x', ...common], anthropicIo)).toBe(2);
    expect(anthropicIo.output.stderr).toBe(
      'parity: --protocol: mmlu.loglik.5shot needs log-likelihoods, which anthropic:claude-x (anthropic) cannot give; use --protocol mmlu.gen.5shot instead\n',
    );
    // A chat-only server: /v1/completions answers 404.
    const server = await startOpenAICompatibleServer({ respond: () => ({ text: 'x' }) });
    const chatOnlyIo = captureIo({ cwd: directory });
    const code = await main(['eval', '--model', 'openai:m', '--base-url', server.url, ...common], chatOnlyIo);
    await server.close();
    expect(code).toBe(2);
    expect(chatOnlyIo.output.stderr.trim().split('\n')).toHaveLength(1);
    expect(chatOnlyIo.output.stderr).toMatch(
      /cannot give them \(openai: HTTP 404 .*\); use --protocol mmlu.gen.5shot instead/,
    );
    rmSync(directory, { recursive: true, force: true });
  });
});
