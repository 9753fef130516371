import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBenchmark, getProtocol } from '../src/benchmarks/registry.ts';
import { createDirectorySourceForTests } from '../src/benchmarks/directory-source-for-tests.ts';
import { loadProtocolItems } from '../src/benchmarks/load-protocol-items.ts';
import type { IfevalData } from '../src/benchmarks/ifeval/index.ts';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');
const LIMIT = 30;
/** What the test model answers to any other prompt (IFEval): lower case, no commas, two sentences. */
const ifevalReply = 'my answer is yes. this reply has no commas at all.';

interface RunJson {
  benchmark: string;
  protocol: string;
  n: number;
  metrics: Record<string, { value: number | null; n: number }>;
  groups: Record<string, Record<string, { value: number | null; n: number }>>;
}

/**
 * A "model" that knows the answers: it replies to each prompt of the first LIMIT items with the protocol's
 * reference completion, so every item must come back correct through the whole eval path.
 */
describe.skipIf(!existsSync(shared))(
  'parity eval on MGSM, BBH, ARC and IFEval over real HTTP (skipped: ../shared/datasets not present)',
  () => {
    let directory: string;
    let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
    const replies = new Map<string, string>();

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-more-'));
      const source = createDirectorySourceForTests(shared);
      for (const [benchmarkId, protocolId] of [
        ['mgsm', 'mgsm.cot.0shot'],
        ['bbh', 'bbh.cot.3shot'],
        ['bbh', 'bbh.direct.3shot'],
        ['arc', 'arc.chat.0shot'],
        ['arc', 'arc.parity.cot.0shot'],
      ] as const) {
        const benchmark = getBenchmark(benchmarkId);
        const protocol = getProtocol(benchmark, protocolId);
        for (const item of await loadProtocolItems(benchmark, protocol, source, { limit: LIMIT })) {
          const request = protocol.buildRequest(item);
          replies.set(request.messages.at(-1)?.content ?? '', protocol.referenceCompletion(item));
        }
      }
      server = await startOpenAICompatibleServer({
        respond: ({ body }) => ({ text: replies.get(body.messages.at(-1)?.content ?? '') ?? ifevalReply }),
      });
    });

    afterAll(async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    });

    async function evaluate(bench: string, protocol: string): Promise<RunJson> {
      const io = captureIo({ cwd: directory });
      const jsonFile = join(directory, `${protocol}.json`);
      const code = await main(
        [
          'eval',
          ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', bench],
          ...['--protocol', protocol, '--limit', String(LIMIT), '--data-dir', shared],
          ...['--store', join(directory, 'runs.db'), '--json', jsonFile, '--no-download'],
        ],
        io,
      );
      expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
      const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as { runs: RunJson[] };
      const run = json.runs[0];
      if (!run) throw new Error('no run in the JSON output');
      return run;
    }

    it('mgsm: 100% in every language', async () => {
      const run = await evaluate('mgsm', 'mgsm.cot.0shot');
      expect(run.n).toBe(LIMIT);
      expect(run.metrics.accuracy?.value).toBe(1);
      expect(Object.keys(run.groups)).toHaveLength(11);
    });

    it('bbh: 100% on every task, chain of thought and answer-only', async () => {
      for (const protocol of ['bbh.cot.3shot', 'bbh.direct.3shot']) {
        const run = await evaluate('bbh', protocol);
        expect({ protocol: run.protocol, n: run.n, accuracy: run.metrics.accuracy?.value }).toEqual({
          protocol,
          n: LIMIT,
          accuracy: 1,
        });
        expect(Object.keys(run.groups)).toHaveLength(27);
      }
    });

    it("arc: 100% with the Llama 3.1 chat protocol and with parity's own chain of thought", async () => {
      for (const protocol of ['arc.chat.0shot', 'arc.parity.cot.0shot']) {
        const run = await evaluate('arc', protocol);
        expect({ protocol, n: run.n, accuracy: run.metrics.accuracy?.value }).toEqual({
          protocol,
          n: LIMIT,
          accuracy: 1,
        });
      }
    });
    it('ifeval: the scores worked out by hand for the first 30 prompts, and score takes upstream files', async () => {
      const run = await evaluate('ifeval', 'ifeval.0shot');
      const items = await getBenchmark('ifeval').loadItems(createDirectorySourceForTests(shared), {
        limit: LIMIT,
      });
      // Worked out by hand from input_data.jsonl lines 1-30 and google-research instruction_following_eval's
      // instructions.py for the reply "my answer is yes. this reply has no commas at all." (10 words, one line,
      // lower case English, no comma, no "*", no JSON, letters t ×2, no "#"/"!"). It follows every instruction of
      // 6 prompts — keys 1001 (no_comma), 1019, 1051, 1087 (english_lowercase), 1092 (fewer than 300 words),
      // 1148 (forbidden field/thanks/issue/collaborator) — and 13 of the 45 instructions: those six plus no_comma
      // in 1000, 1069, 1107; capital_word_frequency "less than 10" in 1040; english_lowercase in 1122;
      // forbidden_words in 1132 and 1137. Fails, among others: 1130 (letter "t" less than 2: "this", "at"),
      // 1139 ("mom" is searched as a substring: not in "commas"), 1108 (Kannada). The loose variants drop the
      // first or last line: empty for a one-line reply, and upstream skips empty variants, so loose = strict.
      expect(items.map((item) => item.id).slice(0, 3)).toEqual(['1000', '1001', '1005']);
      expect(Object.keys(run.metrics)).toEqual([
        'prompt_strict',
        'instruction_strict',
        'prompt_loose',
        'instruction_loose',
      ]);
      expect(run.metrics.prompt_strict).toMatchObject({ n: 30 });
      expect(run.metrics.prompt_strict?.value).toBeCloseTo(6 / 30, 12);
      expect(run.metrics.prompt_loose?.value).toBeCloseTo(6 / 30, 12);
      expect(run.metrics.instruction_strict).toMatchObject({ n: 45 });
      expect(run.metrics.instruction_strict?.value).toBeCloseTo(13 / 45, 12);
      expect(run.metrics.instruction_loose).toMatchObject({ n: 45 });
      expect(run.metrics.instruction_loose?.value).toBeCloseTo(13 / 45, 12);
      expect(Object.keys(run.groups).length).toBeGreaterThan(5);

      const upstreamFile = join(directory, 'responses.jsonl');
      writeFileSync(
        upstreamFile,
        items
          .map((item) => JSON.stringify({ prompt: (item.data as IfevalData).prompt, response: ifevalReply }))
          .join('\n'),
      );
      const io = captureIo({ cwd: directory });
      const code = await main(
        ['score', 'ifeval', '--samples', upstreamFile, '--data-dir', shared, '--json', '--no-download'],
        io,
      );
      expect({ code, stderr: io.output.stderr }).toEqual({ code: 0, stderr: '' });
      const scoredJson = JSON.parse(io.output.stdout) as RunJson;
      expect(scoredJson.n).toBe(LIMIT);
      expect(scoredJson.metrics).toEqual(run.metrics);
    });
  },
);
