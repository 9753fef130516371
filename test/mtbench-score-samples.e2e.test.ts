import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');
const answers = join(shared, 'mt_bench/model_answer/gpt-4.jsonl');

interface FastChatAnswer {
  question_id: number;
  model_id: string;
  choices: { turns: string[] }[];
}
interface ScoreJson {
  model: string;
  n: number;
  metrics: Record<string, { value: number | null; n: number }>;
  groups: Record<string, Record<string, { value: number | null; n: number }>>;
  items?: { id: string; scores: Record<string, number | null>; extracted: string | null }[];
}

describe.skipIf(!existsSync(answers))(
  'parity score mtbench --samples --judge (skipped: ../shared/datasets/mt_bench not present)',
  () => {
    let directory: string;
    let judge: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
    /** Judgments already given per judge prompt: repeats of one prompt get 5, 6, 7, … */
    const seen = new Map<string, number>();
    // Questions 81 (writing), 101 (reasoning: reference-guided) and 131 (extraction) of GPT-4's answers.
    // describe bodies run even when skipped: an absent file reads as empty.
    const picked = (existsSync(answers) ? readFileSync(answers, 'utf8') : '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as FastChatAnswer)
      .filter((answer) => [81, 101, 131].includes(answer.question_id));

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-mtbench-samples-'));
      judge = await startOpenAICompatibleServer({
        respond: ({ body }) => {
          const key = JSON.stringify(body.messages);
          const count = seen.get(key) ?? 0;
          seen.set(key, count + 1);
          return { text: `Explanation. Rating: [[${5 + count}]]` };
        },
      });
    });
    afterAll(async () => {
      await judge?.close();
      rmSync(directory, { recursive: true, force: true });
    });

    async function score(samplesFile: string, extra: string[] = []): Promise<ScoreJson> {
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'score',
          'mtbench',
          '--samples',
          samplesFile,
          '--judge',
          'openai:judge-model',
          '--judge-base-url',
          judge.url,
          '--data-dir',
          shared,
          '--store',
          join(directory, 'parity.db'),
          '--no-download',
          '--json',
          ...extra,
        ],
        io,
      );
      expect({ code, stdoutEmpty: io.output.stdout === '' }).toEqual({ code: 0, stdoutEmpty: false });
      return JSON.parse(io.output.stdout) as ScoreJson;
    }

    it('judges FastChat model_answer lines and the same answers as samples lines alike', async () => {
      const fastChatFile = join(directory, 'gpt-4-answers.jsonl');
      writeFileSync(fastChatFile, picked.map((answer) => JSON.stringify(answer)).join('\n'));
      const fromFastChat = await score(fastChatFile, ['--items']);
      expect(judge.requests).toHaveLength(6);
      // The judge saw GPT-4's own answers, and for 101 the reference answer too.
      const first101 = picked.find((answer) => answer.question_id === 101)?.choices[0]?.turns[0] ?? '?';
      const judgePrompts = judge.requests.map((request) => request.messages[1]?.content ?? '');
      expect(judgePrompts.filter((prompt) => prompt.includes(first101))).toHaveLength(2);
      expect(
        judgePrompts.filter((prompt) => prompt.includes('[The Start of Reference Answer]')),
      ).toHaveLength(1);
      expect(
        judgePrompts.filter((prompt) => prompt.includes('<|The Start of Reference Answer|>')),
      ).toHaveLength(1);
      expect({
        model: fromFastChat.model,
        n: fromFastChat.n,
        score: fromFastChat.metrics.score,
        unparsed: fromFastChat.metrics.unparsed?.value,
        groups: Object.keys(fromFastChat.groups),
        items: fromFastChat.items?.map((item) => [item.id, item.extracted]),
      }).toEqual({
        model: 'gpt-4',
        n: 6,
        score: expect.objectContaining({ value: 5, n: 6 }),
        unparsed: 0,
        groups: ['extraction', 'reasoning', 'writing'],
        items: [
          ['81', '5 / 5'],
          ['101', '5 / 5'],
          ['131', '5 / 5'],
        ],
      });

      // Converted to samples lines (docs/cli.md): the same judge requests, answered from the cache.
      const samplesFile = join(directory, 'samples.jsonl');
      writeFileSync(
        samplesFile,
        picked
          .map((answer) =>
            JSON.stringify({
              id: String(answer.question_id),
              model: 'gpt-4',
              turns: answer.choices[0]?.turns,
            }),
          )
          .join('\n'),
      );
      const fromSamples = await score(samplesFile);
      expect(judge.requests).toHaveLength(6);
      expect(fromSamples.metrics).toEqual(
        Object.fromEntries(Object.entries(fromFastChat.metrics).map(([name, value]) => [name, value])),
      );
    });

    it('--judge-repeats 3 judges each turn three times, takes the median and reports the judge variance', async () => {
      const samplesFile = join(directory, 'gpt-4-answers.jsonl');
      const json = await score(samplesFile, ['--judge-repeats', '3']);
      // Repeat 1 is the cached judgment (5); repeats 2 and 3 are new requests (6 and 7): median 6 per turn.
      expect(judge.requests).toHaveLength(6 + 12);
      const value = (name: string) => json.metrics[name]?.value;
      expect({
        score: value('score'),
        judgeSd: value('judge_sd'),
        judgeSdTurn: value('judge_sd_turn'),
        n: json.metrics.judge_sd?.n,
      }).toEqual({ score: 6, judgeSd: 1, judgeSdTurn: 1, n: 3 });
    });

    it('refuses without --judge, and an answer with one turn names the line', async () => {
      const oneTurn = join(directory, 'one-turn.jsonl');
      writeFileSync(oneTurn, `${JSON.stringify({ id: '81', turns: ['only one'] })}\n`);
      const cases = [
        ['score', 'mtbench', '--samples', oneTurn, '--data-dir', shared],
        ['score', 'mtbench', '--samples', oneTurn, '--judge', 'openai:j', '--judge-base-url', judge.url],
      ];
      const results = [];
      for (const args of cases) {
        const io = captureIo({ cwd: directory });
        results.push({ code: await main(args, io), stderr: io.output.stderr });
      }
      expect(results).toEqual([
        {
          code: 2,
          stderr:
            'parity: --judge: mtbench.single is graded by a judge model: add --judge <spec> (e.g. --judge openai:gpt-4o)\n',
        },
        { code: 2, stderr: `parity: ${oneTurn}:1: field "turns": two answers expected, got 1\n` },
      ]);
    });
  },
);
