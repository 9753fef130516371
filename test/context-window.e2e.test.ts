import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { probeLlama } from '../src/providers/local/probe-llama.test-helper.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startAnthropicMessagesServer } from './support/anthropic-messages-server.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
  type StartServerOptions,
} from './support/openai-compatible-server.ts';

/**
 * Loopback servers answering the routes each server documents for its context window:
 * - vLLM: `GET /v1/models` entries are ModelCards with `max_model_len` (vllm/entrypoints/openai/protocol.py,
 *   class ModelCard, @0052bed3).
 * - llama.cpp: `GET /props` → `default_generation_settings.n_ctx`; `GET /v1/models` → `meta.n_ctx_train`
 *   (ggml-org/llama.cpp tools/server/README.md, "GET /props" and "GET /v1/models", @25d5b0c5).
 * - Ollama: `POST /api/show {"model": …}` → `model_info["<general.architecture>.context_length"]` and the
 *   `parameters` text (docs/api.md "Show Model Information", @fb307609).
 */
const vllm: Omit<StartServerOptions, 'respond'> = { modelFields: { max_model_len: 300, root: 'm' } };
const llamaCpp: Omit<StartServerOptions, 'respond'> = {
  modelFields: { meta: { vocab_type: 2, n_vocab: 128256, n_ctx_train: 131072, n_embd: 4096 } },
  jsonRoutes: {
    'GET /props': () => ({
      default_generation_settings: { id: 0, n_ctx: 300, params: { n_predict: -1 } },
      total_slots: 1,
      model_path: 'models/llama.gguf',
    }),
  },
};
const ollamaShow = (parameters: string) => ({
  jsonRoutes: {
    'POST /api/show': (body: unknown) => ({
      parameters,
      details: { format: 'gguf', family: 'llama' },
      model_info: {
        'general.architecture': 'llama',
        'llama.block_count': 32,
        'llama.context_length': (body as { model?: string }).model === 'm' ? 300 : 1,
      },
    }),
  },
});

/** Replies with the needle-free "I don't know"; these tests count requests, not accuracy. */
async function start(options: Omit<StartServerOptions, 'respond'>): Promise<OpenAICompatibleServer> {
  return await startOpenAICompatibleServer({
    ...options,
    models: ['m'],
    respond: () => ({ text: 'I do not know.', usage: { prompt_tokens: 10, completion_tokens: 4 } }),
  });
}

async function probe(model: string, url: string): Promise<{ context_window: unknown }> {
  const io = captureIo({ cwd: process.cwd() });
  expect(await main(['probe', '--model', model, '--base-url', url, '--json'], io), io.output.stderr).toBe(0);
  return JSON.parse(io.output.stdout) as { context_window: unknown };
}

describe('the context window learned from the endpoint', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-context-window-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const evalLongctx = async (url: string, extra: string[] = []) => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        'eval',
        '--model',
        'vllm:m',
        '--base-url',
        url,
        '--bench',
        'longctx',
        '--lengths',
        '256,512',
        '--depths',
        '50',
        '--items-per-cell',
        '1',
        '--store',
        join(directory, 'parity.db'),
        ...extra,
      ],
      io,
    );
    return { code, io };
  };

  it('parity probe reports vLLM max_model_len, and longctx refuses 512 > 300 up front without --context-window', async () => {
    const server = await start(vllm);
    try {
      expect((await probe('vllm:m', server.url)).context_window).toEqual({
        tokens: 300,
        source: 'GET /v1/models max_model_len (vLLM, parity serve)',
      });
      const before = server.requests.length;
      const store = join(directory, 'vllm.db');
      const { code, io } = await evalLongctx(server.url, ['--store', store]);
      expect(code, io.output.stderr).toBe(0);
      // The run keeps only the lengths it ran, so `parity resume` regenerates no refused one.
      const runs = openSqliteRunStore({ path: store });
      expect(runs.listRuns()[0]?.config.synthetic?.lengths).toEqual([256]);
      runs.close();
      expect(io.output.stderr).toContain(
        'longctx: lengths 512 refused: above the context window of 300 tokens (GET /v1/models max_model_len (vLLM, parity serve))\n',
      );
      const sent = server.requests.slice(before);
      // 4 tasks × 1 depth × 1 item at 256 tokens; nothing at 512.
      expect(sent).toHaveLength(4);
      expect(sent.every((request) => request.messages.map((m) => m.content).join('').length < 256 * 4)).toBe(
        true,
      );
    } finally {
      await server.close();
    }
  });

  it('--context-window still overrides what the endpoint reports', async () => {
    const server = await start(vllm);
    try {
      const { code, io } = await evalLongctx(server.url, ['--context-window', '1k']);
      expect(code, io.output.stderr).toBe(0);
      expect(io.output.stderr).not.toContain('refused');
      expect(server.requests).toHaveLength(8);
    } finally {
      await server.close();
    }
  });

  it('llama.cpp: /props n_ctx (the loaded context) wins over /v1/models meta.n_ctx_train', async () => {
    const server = await start(llamaCpp);
    try {
      expect((await probe('llamacpp:m', server.url)).context_window).toEqual({
        tokens: 300,
        source: 'GET /props default_generation_settings.n_ctx (llama.cpp)',
      });
      const before = server.requests.length;
      const { io } = await evalLongctx(server.url);
      expect(io.output.stderr).toContain('lengths 512 refused: above the context window of 300 tokens');
      expect(server.requests.length - before).toBe(4);
    } finally {
      await server.close();
    }
  });

  it("Ollama: num_ctx from /api/show parameters when set, else the model's <arch>.context_length", async () => {
    const withNumCtx = await start(
      ollamaShow('num_keep                       24\nnum_ctx                        200\nstop "<|eot_id|>"'),
    );
    const without = await start(ollamaShow('num_keep                       24\nstop "<|eot_id|>"'));
    try {
      expect((await probe('ollama:m', withNumCtx.url)).context_window).toEqual({
        tokens: 200,
        source: 'POST /api/show parameters num_ctx (Ollama)',
      });
      const found = (await probe('ollama:m', without.url)).context_window as {
        tokens: number;
        source: string;
      };
      expect(found.tokens).toBe(300);
      expect(found.source).toMatch(/^POST \/api\/show model_info llama\.context_length \(Ollama/);
    } finally {
      await withNumCtx.close();
      await without.close();
    }
  });

  it('an endpoint that reports none: no refusal, one stderr line, every length sent', async () => {
    const server = await start({});
    try {
      expect((await probe('vllm:m', server.url)).context_window).toBeNull();
      const text = captureIo({ cwd: process.cwd() });
      expect(await main(['probe', '--model', 'vllm:m', '--base-url', server.url], text)).toBe(0);
      expect(text.output.stdout).toContain(
        'context window: unknown (the endpoint reports none and the catalog lists none)\n',
      );
      const before = server.requests.length;
      const { code, io } = await evalLongctx(server.url);
      expect(code, io.output.stderr).toBe(0);
      expect(io.output.stderr).toContain(
        'longctx: the endpoint reports no context window and the catalog lists none; no length is refused (give --context-window)\n',
      );
      expect(server.requests.length - before).toBe(8);
    } finally {
      await server.close();
    }
  });

  it('every length above the learned window: the run is refused with one line, exit 2, no request', async () => {
    const server = await start(vllm);
    try {
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'eval',
          '--model',
          'vllm:m',
          '--base-url',
          server.url,
          '--bench',
          'longctx',
          '--lengths',
          '512',
          '--depths',
          '50',
          '--items-per-cell',
          '1',
          '--store',
          join(directory, 'refused.db'),
        ],
        io,
      );
      expect(code).toBe(2);
      expect(io.output.stderr).toMatch(
        /every length is above the context window of 300 tokens \(GET \/v1\/models max_model_len/,
      );
      expect(io.output.stderr.trim().split('\n')).toHaveLength(1);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("a hosted API model the server does not describe: the window parity's catalog lists (anthropic)", async () => {
    const server = await startAnthropicMessagesServer({ respond: () => ({ text: 'Yes' }) });
    try {
      const io = captureIo({ cwd: process.cwd(), env: { ANTHROPIC_API_KEY: 'sk-ant-fake' } });
      expect(
        await main(
          ['probe', '--model', 'anthropic:claude-3-5-sonnet-20241022', '--base-url', server.origin],
          io,
        ),
        io.output.stderr,
      ).toBe(0);
      expect(io.output.stdout).toMatch(/^context window: 200000 tokens \(parity's model catalog \(/m);
      expect(io.output.stdout).not.toContain('sk-ant-fake');
    } finally {
      await server.close();
    }
  });
});

const llamaProblem = await probeLlama();

describe.skipIf(llamaProblem !== undefined)(
  `local: the context parity loads the model with (${llamaProblem ?? 'native binary loads'})`,
  () => {
    it("parity probe --model local:… reports the loaded context (the model's own 2048, under the 8192 cap)", async () => {
      const directory = mkdtempSync(join(tmpdir(), 'parity-context-window-local-'));
      try {
        await writeTinyGguf(join(directory, 'tiny.gguf'), { contextLength: 2048 });
        const io = captureIo({ cwd: directory });
        expect(
          await main(['probe', '--model', `local:${join(directory, 'tiny.gguf')}`, '--json'], io),
          io.output.stderr,
        ).toBe(0);
        expect((JSON.parse(io.output.stdout) as { context_window: unknown }).context_window).toEqual({
          tokens: 2048,
          source: "the context parity loads the model with (the model's own, at most 8192)",
        });
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }, 60_000);
  },
);
