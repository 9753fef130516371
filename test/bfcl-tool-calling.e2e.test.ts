import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { getBenchmark, getProtocol } from '../src/benchmarks/registry.ts';
import { main } from '../src/cli/main.ts';
import { decodeToolCalls } from '../src/spec/index.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer, type ChatRequestBody } from './support/openai-compatible-server.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');
/** Two items of each of the 11 categories (the load order is round-robin over categories). */
const LIMIT = 22;

interface RunJson {
  protocol: string;
  n: number;
  metrics: Record<string, { value: number | null; n: number }>;
  groups: Record<string, Record<string, { value: number | null; n: number }>>;
}

const lastUser = (body: ChatRequestBody) =>
  body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';

describe.skipIf(!existsSync(join(shared, 'bfcl/BFCL_v4_simple_python.json')))(
  'parity eval --bench bfcl over real HTTP with native tool calls (skipped: ../shared/datasets/bfcl not present)',
  () => {
    let directory: string;
    let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
    /** Per question text: the gold tool calls (native) and the gold prompt-mode reply. */
    const native = new Map<string, { name: string; arguments: string }[]>();
    const prompted = new Map<string, string>();
    let mode: 'gold' | 'text-only' = 'gold';

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-bfcl-'));
      const benchmark = getBenchmark('bfcl');
      const items = await benchmark.loadItems(createDirectorySourceForTests(shared), { limit: LIMIT });
      const nativeProtocol = getProtocol(benchmark, 'bfcl.native');
      const promptProtocol = getProtocol(benchmark, 'bfcl.prompt');
      for (const item of items) {
        const request = nativeProtocol.buildRequest(item);
        const key = request.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
        native.set(key, decodeToolCalls(nativeProtocol.referenceCompletion(item)) ?? []);
        prompted.set(key, promptProtocol.referenceCompletion(item));
      }
      server = await startOpenAICompatibleServer({
        respond: ({ body }) => {
          const key = lastUser(body);
          if (mode === 'text-only') return { text: 'I cannot call any of these functions.' };
          if (body.tools === undefined) return { text: prompted.get(key) ?? '' };
          const calls = native.get(key) ?? [];
          return calls.length === 0 ? { text: 'None of these functions fits.' } : { toolCalls: calls };
        },
      });
    });

    afterAll(async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    });

    async function evaluate(protocol: string, name: string): Promise<RunJson> {
      const io = captureIo({ cwd: directory });
      const jsonFile = join(directory, `${name}.json`);
      const code = await main(
        [
          'eval',
          ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', 'bfcl'],
          ...['--protocol', protocol, '--limit', String(LIMIT), '--data-dir', shared],
          ...['--store', join(directory, `${name}.db`), '--json', jsonFile, '--no-download'],
        ],
        io,
      );
      expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
      const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] }).runs[0];
      if (!run) throw new Error('no run in the JSON output');
      return run;
    }

    it('bfcl.native: tools go out as OpenAI function tools, streamed tool_calls come back, every category at 100%', async () => {
      mode = 'gold';
      const run = await evaluate('bfcl.native', 'native');
      expect(run.n).toBe(LIMIT);
      for (const name of ['accuracy', 'non_live_ast', 'live_ast', 'irrelevance'])
        expect(run.metrics[name]?.value, name).toBe(1);
      expect(Object.keys(run.groups)).toHaveLength(11);
      const withTools = server.requests.filter((body) => body.tools !== undefined);
      expect(withTools.length).toBe(LIMIT);
      const java = withTools.find((body) =>
        JSON.stringify(body.tools).includes('GeometryPresentation_createPresentation'),
      );
      expect(
        (java?.tools as { type: string; function: { parameters: { type: string } } }[])[0],
      ).toMatchObject({
        type: 'function',
        function: { parameters: { type: 'object' } },
      });
    });

    it('bfcl.prompt: the functions are in the system prompt and [func(a=1)] replies score 100%', async () => {
      mode = 'gold';
      const before = server.requests.length;
      const run = await evaluate('bfcl.prompt', 'prompt');
      expect(run.metrics.accuracy?.value).toBe(1);
      const sent = server.requests.slice(before);
      expect(sent.every((body) => body.tools === undefined)).toBe(true);
      expect(sent[0]?.messages[0]?.content).toMatch(
        /^You are an expert in composing functions\.You are given a question/,
      );
    });

    it('parity score bfcl takes native completions (tool calls in the text) written elsewhere', async () => {
      const benchmark = getBenchmark('bfcl');
      const protocol = getProtocol(benchmark, 'bfcl.native');
      const items = await benchmark.loadItems(createDirectorySourceForTests(shared), { limit: LIMIT });
      const samples = join(directory, 'native-samples.jsonl');
      writeFileSync(
        samples,
        items
          .map((item) => JSON.stringify({ id: item.id, completion: protocol.referenceCompletion(item) }))
          .join('\n'),
      );
      const io = captureIo({ cwd: directory });
      const code = await main(
        ['score', 'bfcl', '--protocol', 'bfcl.native', '--samples', samples, '--data-dir', shared, '--json'],
        io,
      );
      expect({ code, stderr: io.output.stderr }).toEqual({ code: 0, stderr: '' });
      const report = JSON.parse(io.output.stdout) as {
        n: number;
        metrics: Record<string, { value: number }>;
      };
      expect(report.n).toBe(LIMIT);
      expect(report.metrics.non_live_ast?.value).toBe(1);
    });

    it('a model that never calls a tool gets irrelevance right and every AST category wrong', async () => {
      mode = 'text-only';
      const run = await evaluate('bfcl.native', 'text-only');
      expect(run.metrics.irrelevance?.value).toBe(1);
      expect(run.metrics.non_live_ast?.value).toBe(0);
      expect(run.metrics.live_ast?.value).toBe(0);
      expect(run.metrics.accuracy?.value).toBeCloseTo(2 / LIMIT, 10);
    });
  },
);

describe('parity probe reports native tool calling', () => {
  async function probe(toolReply: boolean) {
    const server = await startOpenAICompatibleServer({
      respond: ({ body }) =>
        toolReply && body.tools !== undefined
          ? { toolCalls: [{ name: 'get_weather', arguments: '{"city": "Paris"}' }] }
          : { text: 'yes' },
    });
    try {
      const io = captureIo({ cwd: tmpdir() });
      const code = await main(
        ['probe', '--model', 'openai:test-model', '--base-url', server.url, '--json'],
        io,
      );
      expect(code).toBe(0);
      return JSON.parse(io.output.stdout) as {
        supports: Record<string, unknown>;
        protocols: string[];
        notes: string[];
      };
    } finally {
      await server.close();
    }
  }

  it('yes, and bfcl.native is runnable, when a tool call comes back', async () => {
    const report = await probe(true);
    expect(report.supports.tool_calls).toBe(true);
    expect(report.protocols).toContain('bfcl.native');
  });

  it('no, with a note, and only bfcl.prompt is runnable, when the server answers in text', async () => {
    const report = await probe(false);
    expect(report.supports.tool_calls).toBe(false);
    expect(report.protocols).toContain('bfcl.prompt');
    expect(report.protocols).not.toContain('bfcl.native');
    expect(report.notes.join('\n')).toMatch(/tool calling: tools were accepted but no tool call came back/);
  });
});
