import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { jsonSchemaBenchBenchmark } from '../src/benchmarks/jsonschemabench/index.ts';
import { jsonSchemaBenchPrompt } from '../src/benchmarks/jsonschemabench/jsonschemabench-protocols.ts';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startAnthropicMessagesServer } from './support/anthropic-messages-server.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { structuredOutputReply } from './support/structured-output-responder.ts';

interface RunJson {
  protocol: string;
  n: number;
  metrics: Record<string, { value: number | null; n: number }>;
  groups: Record<string, Record<string, { value: number | null; n: number }>>;
}

/** Strict-mode schemas (all properties required, no additional ones) and ones strict mode refuses. */
const strictPerson = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 1 } },
  required: ['name', 'age'],
  additionalProperties: false,
};
const loosePerson = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1 } },
  required: ['name'],
};
const datedEvent = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  properties: { when: { type: 'string', format: 'date-time' } },
  required: ['when'],
  additionalProperties: false,
};

describe('parity eval jsonschemabench against an OpenAI-compatible server with Structured Outputs', () => {
  let directory: string;
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-jsb-e2e-'));
    dataDir = join(directory, 'data');
    mkdirSync(join(dataDir, 'jsonschemabench'), { recursive: true });
    const line = (name: string, schema: object) => JSON.stringify({ name, schema });
    writeFileSync(
      join(dataDir, 'jsonschemabench', 'Github_easy.jsonl'),
      [line('o1', strictPerson), line('o2', loosePerson), line('o3', datedEvent)].join('\n') + '\n',
    );
    writeFileSync(join(dataDir, 'jsonschemabench', 'Glaiveai2K.jsonl'), `${line('g1', strictPerson)}\n`);
    // Without response_format the "model" answers in a code fence, a valid person (but not a valid event).
    server = await startOpenAICompatibleServer({
      respond: ({ body }) =>
        structuredOutputReply(body) ?? { text: '```json\n{"name": "Ada", "age": 36}\n```' },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function evaluate(protocol: string): Promise<RunJson> {
    const io = captureIo({ cwd: directory });
    const jsonFile = join(directory, `${protocol}.json`);
    const code = await main(
      [
        'eval',
        ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', 'jsonschemabench'],
        ...['--protocol', protocol, '--data-dir', dataDir, '--no-download'],
        ...['--store', join(directory, 'runs.db'), '--json', jsonFile],
      ],
      io,
    );
    expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
    const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] }).runs[0];
    if (!run) throw new Error('no run in the JSON output');
    return run;
  }

  it('structured mode: sends response_format json_schema strict; a refused schema counts as a refusal', async () => {
    const before = server.requests.length;
    const run = await evaluate('jsonschemabench.structured');
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(4);
    expect(sent.map((body) => body.response_format)).toContainEqual({
      type: 'json_schema',
      json_schema: { name: 'Github_easy_o1', schema: strictPerson, strict: true },
    });
    // o1, g1: the server's minimal instance is valid; o2: refused (not strict); o3: "" is no date-time.
    expect(run.metrics.schema_compliance).toMatchObject({ value: 0.5, n: 4 });
    expect(run.metrics.json_validity).toMatchObject({ value: 0.75, n: 4 });
    expect(run.metrics.schema_refusal).toMatchObject({ value: 0.25, n: 4 });
    expect(run.groups.Github_easy?.schema_refusal).toMatchObject({ value: 1 / 3, n: 3 });
    expect(run.groups.Glaiveai2K?.schema_compliance).toMatchObject({ value: 1, n: 1 });
  });

  it('prompt mode: no response_format, code-fenced replies read as lm-eval reads them', async () => {
    const before = server.requests.length;
    const run = await evaluate('jsonschemabench.prompt');
    expect(server.requests.slice(before).every((body) => body.response_format === undefined)).toBe(true);
    expect(run.metrics.json_validity).toMatchObject({ value: 1, n: 4 });
    // The person is valid for o1, o2 and g1, not for the event o3.
    expect(run.metrics.schema_compliance).toMatchObject({ value: 0.75, n: 4 });
    expect(run.metrics.schema_refusal).toMatchObject({ value: 0, n: 4 });
  });

  it('Anthropic: structured mode sends output_config.format with the schema, the reply is scored as text', async () => {
    const anthropic = await startAnthropicMessagesServer({
      respond: () => ({ text: '{"name": "Ada", "age": 36}' }),
    });
    const io = captureIo({ cwd: directory, env: { ANTHROPIC_API_KEY: 'sk-ant-fake' } });
    const jsonFile = join(directory, 'anthropic.json');
    try {
      const code = await main(
        [
          'eval',
          ...['--model', 'anthropic:claude-x', '--base-url', anthropic.origin, '--bench', 'jsonschemabench'],
          ...['--protocol', 'jsonschemabench.structured', '--data-dir', dataDir, '--no-download'],
          ...['--store', join(directory, 'anthropic.db'), '--json', jsonFile],
        ],
        io,
      );
      expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
      expect(anthropic.requests.map((request) => request.body.output_config)).toContainEqual({
        format: { type: 'json_schema', schema: strictPerson },
      });
      const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] }).runs[0];
      // The person is valid for o1, o2 and g1, not for the event o3.
      expect(run?.metrics.schema_compliance).toMatchObject({ value: 0.75, n: 4 });
    } finally {
      await anthropic.close();
    }
  });

  it('parity score jsonschemabench --samples scores completions made elsewhere', async () => {
    const samples = join(directory, 'samples.jsonl');
    writeFileSync(
      samples,
      [
        { id: 'Github_easy/o1', completion: '{"name": "Ada", "age": 36}' },
        { id: 'Github_easy/o2', completion: '{"name": ""}' },
        { id: 'Github_easy/o3', completion: '{"when": "2024-05-01T10:00:00Z"}' },
        { id: 'Glaiveai2K/g1', completion: 'not json' },
      ]
        .map((sample) => JSON.stringify(sample))
        .join('\n') + '\n',
    );
    const io = captureIo({ cwd: directory });
    const code = await main(
      ['score', 'jsonschemabench', '--samples', samples, '--data-dir', dataDir, '--json'],
      io,
    );
    expect({ code, stderr: io.output.stderr }).toEqual({ code: 0, stderr: '' });
    const output = JSON.parse(io.output.stdout) as { metrics?: RunJson['metrics']; runs?: RunJson[] };
    const metrics = output.metrics ?? output.runs?.[0]?.metrics;
    expect(metrics?.schema_compliance).toMatchObject({ value: 0.5, n: 4 });
    expect(metrics?.json_validity).toMatchObject({ value: 0.75, n: 4 });
  });

  it('parity probe reports strict json_schema output and lists the structured protocol', async () => {
    const io = captureIo({ cwd: directory });
    expect(
      await main(['probe', '--model', 'openai:test-model', '--base-url', server.url, '--json'], io),
    ).toBe(0);
    const report = JSON.parse(io.output.stdout) as { supports: Record<string, unknown>; protocols: string[] };
    expect(report.supports.json_schema_output).toBe(true);
    expect(report.protocols).toContain('jsonschemabench.structured');
  });

  it('parity probe leaves the structured protocol out for a server that refuses response_format', async () => {
    const plain = await startOpenAICompatibleServer({
      respond: ({ body }) =>
        body.response_format === undefined
          ? { text: 'yes' }
          : {
              status: 400,
              errorBody: {
                error: { message: 'response_format is not supported', type: 'invalid_request_error' },
              },
            },
    });
    const io = captureIo({ cwd: directory });
    expect(await main(['probe', '--model', 'openai:test-model', '--base-url', plain.url, '--json'], io)).toBe(
      0,
    );
    await plain.close();
    const report = JSON.parse(io.output.stdout) as { supports: Record<string, unknown>; protocols: string[] };
    expect(report.supports.json_schema_output).toBe(false);
    expect(report.protocols).toContain('jsonschemabench.prompt');
    expect(report.protocols).not.toContain('jsonschemabench.structured');
  });
});

const shared = resolve(import.meta.dirname, '../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'jsonschemabench', 'Github_easy.jsonl')))(
  'parity eval jsonschemabench on the real schemas (skipped: ../shared/datasets/jsonschemabench not present)',
  () => {
    it('a model answering with each schema’s valid instance is compliant on every item that has one', async () => {
      const LIMIT = 40;
      const items = await jsonSchemaBenchBenchmark.loadItems(createDirectorySourceForTests(shared), {
        limit: LIMIT,
      });
      const replies = new Map(
        items.map((item) => [
          jsonSchemaBenchPrompt.buildRequest(item).messages.at(-1)?.content ?? '',
          jsonSchemaBenchPrompt.referenceCompletion(item),
        ]),
      );
      const withReference = items.filter((item) => 'validInstance' in item.data).length;
      const server = await startOpenAICompatibleServer({
        respond: ({ body }) => ({ text: replies.get(body.messages.at(-1)?.content ?? '') ?? 'no' }),
        recordRequests: false,
      });
      const directory = mkdtempSync(join(tmpdir(), 'parity-jsb-real-'));
      const jsonFile = join(directory, 'run.json');
      try {
        const io = captureIo({ cwd: directory });
        const code = await main(
          [
            'eval',
            ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', 'jsonschemabench'],
            ...['--limit', String(LIMIT), '--data-dir', shared, '--no-download'],
            ...['--store', join(directory, 'runs.db'), '--json', jsonFile],
          ],
          io,
        );
        expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
        const run = (JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] }).runs[0];
        expect(run?.protocol).toBe('jsonschemabench.prompt');
        expect(run?.metrics.schema_compliance).toMatchObject({ value: withReference / LIMIT, n: LIMIT });
        expect(Object.keys(run?.groups ?? {}).sort()).toEqual([
          'Github_easy',
          'Github_trivial',
          'Glaiveai2K',
          'JME',
        ]);
      } finally {
        await server.close();
        rmSync(directory, { recursive: true, force: true });
      }
    }, 120_000);
  },
);
