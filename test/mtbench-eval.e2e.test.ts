import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer, type ChatRequestBody } from './support/openai-compatible-server.ts';

const mtBench = resolve(import.meta.dirname, '../../shared/datasets/mt_bench');
/** writing (0.7), math (0.0, reference-guided), extraction (0.0), stem (0.1). */
const QUESTION_IDS = [81, 111, 131, 141];

interface Question {
  question_id: number;
  category: string;
  turns: [string, string];
}
interface JudgePromptLine {
  name: string;
  system_prompt: string;
  prompt_template: string;
}

// describe bodies run even when skipped: an absent file reads as empty.
const readLines = <T>(file: string): T[] =>
  (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

/** Python `str.format` for the reference templates (the test's own, independent fill). */
function pythonFormat(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, field: string) => values[field] ?? `<missing ${field}>`);
}

const answer1 = (question: string) => `First answer to: ${question.slice(0, 40)}`;
const answer2 = (previous: string) => `Second answer, after <<${previous}>>`;

describe.skipIf(!existsSync(mtBench))(
  'parity eval --bench mtbench with a judge, over real HTTP (skipped: ../shared/datasets/mt_bench not present)',
  () => {
    let directory: string;
    let dataDir: string;
    let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
    let judge: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
    const questions = readLines<Question>(join(mtBench, 'question.jsonl')).filter((question) =>
      QUESTION_IDS.includes(question.question_id),
    );
    const prompts = new Map(
      readLines<JudgePromptLine>(join(mtBench, 'judge_prompts.jsonl')).map((line) => [line.name, line]),
    );
    const references = new Map(
      readLines<{ question_id: number; choices: { turns: string[] }[] }>(
        join(mtBench, 'reference_answer/gpt-4.jsonl'),
      ).map((line) => [line.question_id, line.choices[0]?.turns ?? []]),
    );

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-mtbench-eval-'));
      dataDir = join(directory, 'data');
      mkdirSync(join(dataDir, 'mt_bench/reference_answer'), { recursive: true });
      writeFileSync(
        join(dataDir, 'mt_bench/question.jsonl'),
        `${questions.map((question) => JSON.stringify(question)).join('\n')}\n`,
      );
      for (const file of ['judge_prompts.jsonl', 'reference_answer/gpt-4.jsonl']) {
        copyFileSync(join(mtBench, file), join(dataDir, 'mt_bench', file));
      }
      // The model answers turn 1 from the question and turn 2 by quoting the turn-1 answer it was sent.
      model = await startOpenAICompatibleServer({
        respond: ({ body }) => ({
          text:
            body.messages.length === 1
              ? answer1(body.messages[0]?.content ?? '')
              : answer2(body.messages[1]?.content ?? ''),
        }),
      });
      // The judge: 8 for turn 1, 6 for turn 2, and no rating for turn 2 of question 131 (extraction).
      judge = await startOpenAICompatibleServer({
        respond: ({ body }) => {
          const multiTurn = body.messages[0]?.content !== 'You are a helpful assistant.';
          const extraction = body.messages[1]?.content.includes(questions[2]?.turns[0] ?? '?') ?? false;
          if (multiTurn && extraction) return { text: 'The answer is fine, I would say nine.' };
          return { text: `The assistant did well. Rating: [[${multiTurn ? 6 : 8}]]` };
        },
      });
    });
    afterAll(async () => {
      await model?.close();
      await judge?.close();
      rmSync(directory, { recursive: true, force: true });
    });

    const evalArgs = () => [
      'eval',
      '--model',
      'openai:test-model',
      '--base-url',
      model.url,
      '--judge',
      'openai:judge-model',
      '--judge-base-url',
      judge.url,
      '--bench',
      'mtbench',
      '--data-dir',
      dataDir,
      '--store',
      join(directory, 'parity.db'),
      '--no-download',
      '--concurrency',
      '2',
    ];

    it('refuses mtbench without --judge in one line (exit 2)', async () => {
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'eval',
          '--model',
          'openai:test-model',
          '--base-url',
          model.url,
          '--bench',
          'mtbench',
          '--data-dir',
          dataDir,
        ],
        io,
      );
      expect({ code, stderr: io.output.stderr, requests: model.requests.length }).toEqual({
        code: 2,
        stderr:
          'parity: --judge: mtbench.single is graded by a judge model: add --judge <spec> (e.g. --judge openai:gpt-4o)\n',
        requests: 0,
      });
    });

    it('answers two turns per question, judges each with the reference prompts, and stores per-turn ratings', async () => {
      const io = captureIo({ cwd: directory });
      const jsonFile = join(directory, 'run.json');
      const code = await main([...evalArgs(), '--json', jsonFile], io);
      expect({
        code,
        stderr: io.output.stderr.split('\n').filter((line) => line.startsWith('parity:')),
      }).toEqual({
        code: 0,
        stderr: [],
      });
      expect(io.output.stdout).toContain('judge openai:judge-model: 8 judgments (0 from the cache)');

      // Model requests: turn 1 alone; turn 2 holds turn 1's answer; per-category temperature; 1,024 tokens.
      const temperatures: Record<string, number> = { writing: 0.7, math: 0, extraction: 0, stem: 0.1 };
      const modelRequests = (body: ChatRequestBody) => ({
        messages: body.messages.map(({ role, content }) => ({ role, content })),
        temperature: body.temperature,
        max_tokens: body.max_tokens,
      });
      const expectedModelRequests = questions.flatMap((question) => {
        const [q1, q2] = question.turns;
        const parameters = { temperature: temperatures[question.category], max_tokens: 1024 };
        return [
          { messages: [{ role: 'user', content: q1 }], ...parameters },
          {
            messages: [
              { role: 'user', content: q1 },
              { role: 'assistant', content: answer1(q1) },
              { role: 'user', content: q2 },
            ],
            ...parameters,
          },
        ];
      });
      const byContent = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
      expect(model.requests.map(modelRequests).sort(byContent)).toEqual(
        expectedModelRequests.sort(byContent),
      );

      // Judge requests: FastChat's templates filled in, system prompt first, temperature 0, 2,048 tokens.
      const expectedJudgeRequests = questions.flatMap((question) => {
        const [q1, q2] = question.turns;
        const answers = [answer1(q1), answer2(answer1(q1))];
        const math = ['math', 'reasoning', 'coding'].includes(question.category);
        const reference = references.get(question.question_id) ?? [];
        const single = prompts.get(math ? 'single-math-v1' : 'single-v1');
        const multi = prompts.get(math ? 'single-math-v1-multi-turn' : 'single-v1-multi-turn');
        const refs: Record<string, string> = math
          ? { ref_answer_1: reference[0] ?? '', ref_answer_2: reference[1] ?? '' }
          : {};
        return [
          [
            single,
            pythonFormat(single?.prompt_template ?? '', { question: q1, answer: answers[0] ?? '', ...refs }),
          ],
          [
            multi,
            pythonFormat(multi?.prompt_template ?? '', {
              question_1: q1,
              question_2: q2,
              answer_1: answers[0] ?? '',
              answer_2: answers[1] ?? '',
              ...refs,
            }),
          ],
        ].map(([prompt, user]) => ({
          messages: [
            { role: 'system', content: (prompt as JudgePromptLine).system_prompt },
            { role: 'user', content: user as string },
          ],
          temperature: 0,
          max_tokens: 2048,
        }));
      });
      expect(judge.requests.map(modelRequests).sort(byContent)).toEqual(
        expectedJudgeRequests.sort(byContent),
      );
      expect(expectedJudgeRequests.some((request) => request.messages[1]?.content.includes('<missing'))).toBe(
        false,
      );

      // Scores: means over judged turns; the unparsed judgment is kept, counted and left out.
      const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
        runs: {
          run_id: string;
          metrics: Record<string, { value: number | null; n: number }>;
          groups: Record<string, Record<string, { value: number | null; n: number }>>;
          unscored: number;
        }[];
      };
      const run = json.runs[0];
      const value = (name: string) => ({ value: run?.metrics[name]?.value, n: run?.metrics[name]?.n });
      expect({
        score: value('score'),
        turn1: value('score_turn1'),
        turn2: value('score_turn2'),
        unparsed: run?.metrics.unparsed?.value,
        unscored: run?.unscored,
        groups: Object.fromEntries(
          Object.entries(run?.groups ?? {}).map(([group, metrics]) => [group, metrics.score?.value]),
        ),
      }).toEqual({
        score: { value: (4 * 8 + 3 * 6) / 7, n: 7 },
        turn1: { value: 8, n: 4 },
        turn2: { value: 6, n: 3 },
        unparsed: 1,
        unscored: 1,
        groups: { extraction: 8, math: 7, stem: 7, writing: 7 },
      });

      // Stored records: per-turn ratings, both answers and every judgment's text.
      const store = openSqliteRunStore({ path: join(directory, 'parity.db') });
      try {
        const stored = store.getRun(run?.run_id ?? '');
        const items = (stored?.items ?? [])
          .map((item) => ({
            id: item.itemId,
            group: item.group,
            status: item.status,
            extracted: item.extracted,
            ratings: [item.scores.rating_turn1, item.scores.rating_turn2, item.scores.unparsed],
            steps: item.response?.steps?.map((step) => `${step.role}:${step.name}:${step.response.text}`),
          }))
          .sort((a, b) => a.id.localeCompare(b.id));
        expect(items.find((item) => item.id === '131')).toEqual({
          id: '131',
          group: 'extraction',
          status: 'ok',
          extracted: '8 / ?',
          ratings: [8, null, 1],
          steps: [
            `model:turn1:${answer1(questions[2]?.turns[0] ?? '')}`,
            `model:turn2:${answer2(answer1(questions[2]?.turns[0] ?? ''))}`,
            'judge:judge-turn1:The assistant did well. Rating: [[8]]',
            'judge:judge-turn2:The answer is fine, I would say nine.',
          ],
        });
        expect(items.map((item) => [item.id, item.group, item.extracted])).toEqual([
          ['111', 'math', '8 / 6'],
          ['131', 'extraction', '8 / ?'],
          ['141', 'stem', '8 / 6'],
          ['81', 'writing', '8 / 6'],
        ]);
      } finally {
        store.close();
      }
    });

    it('a second eval answers every step from the cache and gives the same scores', async () => {
      const modelCalls = model.requests.length;
      const judgeCalls = judge.requests.length;
      const io = captureIo({ cwd: directory });
      const code = await main(evalArgs(), io);
      expect({
        code,
        modelCalls: model.requests.length - modelCalls,
        judgeCalls: judge.requests.length - judgeCalls,
      }).toEqual({ code: 0, modelCalls: 0, judgeCalls: 0 });
      expect(io.output.stdout).toContain('judge openai:judge-model: 8 judgments (8 from the cache)');
    });

    it('a judge that fails stops the run; resume asks the judge again and takes the answers from the cache', async () => {
      const storeFile = join(directory, 'resume.db');
      let judgeDown = true;
      const flaky = await startOpenAICompatibleServer({
        respond: () => (judgeDown ? { status: 400 } : { text: 'Rating: [[5]]' }),
      });
      try {
        const args = evalArgs().map((arg) => (arg === judge.url ? flaky.url : arg));
        const first = captureIo({ cwd: directory });
        const firstCode = await main([...args, '--store', storeFile, '--concurrency', '1'], first);
        expect({
          code: firstCode,
          failed: /failed: judge-turn1 \(judge\): openai: HTTP 400 from http:\/\/127\.0\.0\.1/.test(
            first.output.stderr,
          ),
        }).toEqual({
          code: 2,
          failed: true,
        });
        const store = openSqliteRunStore({ path: storeFile });
        const runId = store.listRuns()[0]?.runId ?? '';
        expect(store.getSummary(runId)?.config.judge).toEqual({
          modelSpec: 'openai:judge-model',
          model: { provider: 'openai', endpoint: flaky.url, modelId: 'judge-model' },
          repeats: 1,
        });
        store.close();
        judgeDown = false;
        const modelCalls = model.requests.length;
        const resumed = captureIo({ cwd: directory });
        const code = await main(['resume', runId, '--store', storeFile], resumed);
        expect({
          code,
          stderr: resumed.output.stderr.split('\n').filter((line) => line.startsWith('parity:')),
        }).toEqual({
          code: 0,
          stderr: [],
        });
        // The failed item's two answers come from this store's cache: the model is asked only for the other
        // three questions (2 turns each).
        const reopened = openSqliteRunStore({ path: storeFile });
        const items = reopened.getRun(runId)?.items ?? [];
        reopened.close();
        expect({
          statuses: items.map((item) => item.status),
          ratings: items.map((item) => item.scores.rating),
          modelCallsForFailedItem: model.requests.length - modelCalls,
        }).toEqual({
          statuses: ['ok', 'ok', 'ok', 'ok'],
          ratings: [5, 5, 5, 5],
          modelCallsForFailedItem: 6,
        });
      } finally {
        await flaky.close();
      }
    });
  },
);
