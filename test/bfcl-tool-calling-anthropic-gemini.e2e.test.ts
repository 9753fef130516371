import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { getBenchmark, getProtocol } from '../src/benchmarks/registry.ts';
import { main } from '../src/cli/main.ts';
import { decodeToolCalls, type ToolCall } from '../src/spec/index.ts';
import { startAnthropicMessagesServer, type AnthropicServer } from './support/anthropic-messages-server.ts';
import { captureIo } from './support/capture-io.ts';
import { startGeminiApiServer, type GeminiServer } from './support/gemini-api-server.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');
/** Two items of each of the 11 categories (the load order is round-robin over categories). */
const LIMIT = 22;

interface RunJson {
  n: number;
  errors: number;
  metrics: Record<string, { value: number | null; n: number }>;
  groups: Record<string, unknown>;
}

const irrelevantReply = 'None of these functions fits.';

describe.skipIf(!existsSync(join(shared, 'bfcl/BFCL_v4_simple_python.json')))(
  'parity eval --bench bfcl --protocol bfcl.native on Anthropic tools and Gemini function declarations (skipped: ../shared/datasets/bfcl not present)',
  () => {
    let directory: string;
    let anthropic: AnthropicServer;
    let gemini: GeminiServer;
    /** Per question text: the gold tool calls. */
    const gold = new Map<string, ToolCall[]>();
    let mode: 'gold' | 'text-only' = 'gold';

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-bfcl-ag-'));
      const benchmark = getBenchmark('bfcl');
      const protocol = getProtocol(benchmark, 'bfcl.native');
      for (const item of await benchmark.loadItems(createDirectorySourceForTests(shared), { limit: LIMIT })) {
        const key =
          protocol
            .buildRequest(item)
            .messages.filter((m) => m.role === 'user')
            .at(-1)?.content ?? '';
        gold.set(key, decodeToolCalls(protocol.referenceCompletion(item)) ?? []);
      }
      anthropic = await startAnthropicMessagesServer({
        respond: (body) => {
          const calls = gold.get(body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '') ?? [];
          if (mode === 'text-only' || calls.length === 0) return { text: irrelevantReply };
          return { text: '', toolCalls: calls.map((call) => ({ name: call.name, input: call.arguments })) };
        },
      });
      gemini = await startGeminiApiServer({
        respond: (body) => {
          const key = (body.contents.filter((c) => c.role === 'user').at(-1)?.parts ?? [])
            .map((part) => part.text ?? '')
            .join('');
          const calls = gold.get(key) ?? [];
          if (mode === 'text-only' || calls.length === 0) return { type: 'text', text: irrelevantReply };
          return {
            type: 'text',
            text: '',
            functionCalls: calls.map((call) => ({
              name: call.name,
              args: JSON.parse(call.arguments) as Record<string, unknown>,
            })),
          };
        },
      });
    });

    afterAll(async () => {
      await anthropic.close();
      await gemini.close();
      rmSync(directory, { recursive: true, force: true });
    });

    async function evaluate(model: string, baseUrl: string, name: string): Promise<RunJson> {
      const io = captureIo({
        cwd: directory,
        env: { ANTHROPIC_API_KEY: 'sk-ant-test', GEMINI_API_KEY: 'gemini-test' },
      });
      const jsonFile = join(directory, `${name}.json`);
      const code = await main(
        [
          'eval',
          ...['--model', model, '--base-url', baseUrl, '--bench', 'bfcl'],
          ...['--protocol', 'bfcl.native', '--limit', String(LIMIT), '--data-dir', shared],
          ...['--store', join(directory, `${name}.db`), '--json', jsonFile, '--no-download'],
        ],
        io,
      );
      expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
      const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] }).runs[0];
      if (!run) throw new Error('no run in the JSON output');
      return run;
    }

    const expectGold = (run: RunJson) => {
      expect(run).toMatchObject({ n: LIMIT, errors: 0 });
      for (const name of ['accuracy', 'non_live_ast', 'live_ast', 'irrelevance'])
        expect(run.metrics[name]?.value, name).toBe(1);
      expect(Object.keys(run.groups)).toHaveLength(11);
    };

    it('anthropic: tools go out as {name, description, input_schema}, tool_use blocks come back, 100% with gold calls', async () => {
      mode = 'gold';
      const before = anthropic.requests.length;
      expectGold(await evaluate('anthropic:claude-test', anthropic.origin, 'anthropic'));
      const sent = anthropic.requests.slice(before).map((request) => request.body);
      expect(sent.every((body) => Array.isArray(body.tools))).toBe(true);
      expect(anthropic.refusals).toEqual([]);
      const java = sent.find((body) =>
        JSON.stringify(body.tools).includes('GeometryPresentation_createPresentation'),
      );
      const tool = (java?.tools as Record<string, unknown>[] | undefined)?.[0];
      expect(Object.keys(tool ?? {}).sort()).toEqual(['description', 'input_schema', 'name']);
      expect(tool).toMatchObject({ input_schema: { type: 'object' } });
      // BFCL's "dict" is never sent: every type is a JSON Schema type.
      expect(JSON.stringify(sent.map((body) => body.tools))).not.toMatch(/"type":"dict"/);
    });

    it('gemini: tools go out as functionDeclarations with parametersJsonSchema, functionCall parts come back, 100% with gold calls', async () => {
      mode = 'gold';
      const before = gemini.requests.length;
      expectGold(await evaluate('gemini:gemini-test', gemini.origin, 'gemini'));
      const sent = gemini.requests.slice(before).map((request) => request.body);
      const declarations = sent.map(
        (body) =>
          (body.tools as { functionDeclarations: Record<string, unknown>[] }[] | undefined)?.[0]
            ?.functionDeclarations,
      );
      expect(declarations.every((list) => Array.isArray(list) && list.length > 0)).toBe(true);
      expect(Object.keys(declarations[0]?.[0] ?? {}).sort()).toEqual([
        'description',
        'name',
        'parametersJsonSchema',
      ]);
      expect(declarations[0]?.[0]).toMatchObject({ parametersJsonSchema: { type: 'object' } });
      expect(JSON.stringify(declarations)).not.toMatch(/"type":"dict"/);
    });

    it.each([
      ['anthropic:claude-test', () => anthropic.origin],
      ['gemini:gemini-test', () => gemini.origin],
    ])('%s: a model that never calls a tool gets only irrelevance right', async (model, origin) => {
      mode = 'text-only';
      const run = await evaluate(model, origin(), `${model.replace(/\W/g, '-')}-text-only`);
      expect(run.metrics.irrelevance?.value).toBe(1);
      expect(run.metrics.non_live_ast?.value).toBe(0);
      expect(run.metrics.live_ast?.value).toBe(0);
    });
  },
);

describe('parity probe reports native tool calling on Anthropic and Gemini', () => {
  async function probe(model: string, origin: string) {
    const io = captureIo({
      cwd: tmpdir(),
      env: { ANTHROPIC_API_KEY: 'sk-ant-test', GEMINI_API_KEY: 'gemini-test' },
    });
    expect(await main(['probe', '--model', model, '--base-url', origin, '--json'], io)).toBe(0);
    return JSON.parse(io.output.stdout) as {
      supports: Record<string, unknown>;
      protocols: string[];
      notes: string[];
    };
  }

  it.each([true, false])('anthropic (a tool call comes back: %s)', async (calls) => {
    const server = await startAnthropicMessagesServer({
      respond: () => ({
        text: 'Yes',
        ...(calls ? { toolCalls: [{ name: 'get_weather', input: '{"city": "Paris"}' }] } : {}),
      }),
    });
    try {
      const report = await probe('anthropic:claude-test', server.origin);
      expect(report.supports.tool_calls).toBe(calls);
      expect(report.protocols.includes('bfcl.native')).toBe(calls);
      expect(report.protocols).toContain('bfcl.prompt');
      if (!calls)
        expect(report.notes.join('\n')).toMatch(
          /tool calling: tools were accepted but no tool call came back/,
        );
      const sent = server.requests.find((request) => request.body.tools !== undefined)?.body.tools;
      expect(sent).toEqual([
        {
          name: 'get_weather',
          description: 'Current weather in a city.',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it.each([true, false])('gemini (a function call comes back: %s)', async (calls) => {
    const server = await startGeminiApiServer({
      respond: () => ({
        type: 'text',
        text: calls ? '' : 'Yes',
        ...(calls ? { functionCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] } : {}),
      }),
    });
    try {
      const report = await probe('gemini:gemini-test', server.origin);
      expect(report.supports.tool_calls).toBe(calls);
      expect(report.protocols.includes('bfcl.native')).toBe(calls);
      if (!calls)
        expect(report.notes.join('\n')).toMatch(
          /tool calling: tools were accepted but no tool call came back/,
        );
      const sent = server.requests.find((request) => request.body.tools !== undefined)?.body.tools;
      expect(sent).toEqual([
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Current weather in a city.',
              parametersJsonSchema: {
                type: 'object',
                properties: { city: { type: 'string' } },
                required: ['city'],
              },
            },
          ],
        },
      ]);
    } finally {
      await server.close();
    }
  });
});
