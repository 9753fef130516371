import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { startViewServer } from '../src/server/view/view-server.ts';
import type { ItemPage } from '../src/report/view-model.ts';
import { captureIo } from './support/capture-io.ts';
import {
  startOpenAICompatibleServer,
  type ChatRequestBody,
  type OpenAICompatibleServer,
  type ServerReply,
} from './support/openai-compatible-server.ts';

const items = 12;

/** The answer that sits in the position shown as assistant A of a pairwise judge request. */
function firstAnswer(body: ChatRequestBody): string {
  const prompt = body.messages.at(-1)?.content ?? '';
  return (
    /\[The Start of Assistant A's Answer\]\n([\s\S]*?)\n\[The End of Assistant A's Answer\]/.exec(
      prompt,
    )?.[1] ?? ''
  );
}

interface PairwiseJson {
  pairwise: {
    judgment_run_id: string;
    judge: string;
    prompt: string;
    rubric?: string;
    a: { run_id: string; model: string };
    b: { run_id: string; model: string };
    n_paired: number;
    n_judged: number;
    a_wins: number;
    b_wins: number;
    ties: number;
    inconsistent: number;
    errors: { unparseable: number; failed: number };
    win_rate_a: { value: number; ci95: [number, number] };
    tie_rate: number | null;
    test: { name: string; p_value: number };
    verdict: string;
  };
}

describe('parity compare --judge: pairwise judging in both orders, over real HTTP', () => {
  const directory = mkdtempSync(join(tmpdir(), 'parity-pairwise-'));
  const store = join(directory, 'parity.db');
  let models: OpenAICompatibleServer;
  let runGood = '';
  let runPlain = '';

  /** A judge server answering with `reply`, started per test. */
  const judges: OpenAICompatibleServer[] = [];
  async function startJudge(reply: (body: ChatRequestBody) => ServerReply): Promise<OpenAICompatibleServer> {
    const judge = await startOpenAICompatibleServer({ respond: ({ body }) => reply(body) });
    judges.push(judge);
    return judge;
  }

  async function compare(judge: OpenAICompatibleServer, ...rest: string[]) {
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        ...['compare', ...rest, '--judge', 'openai:judge', '--judge-base-url', judge.url],
        ...['--store', store, '--concurrency', '3'],
      ],
      io,
    );
    return { code, io };
  }

  async function compareJson(
    judge: OpenAICompatibleServer,
    ...rest: string[]
  ): Promise<PairwiseJson['pairwise']> {
    const { code, io } = await compare(judge, ...rest, '--json');
    expect(io.output.stderr).not.toContain('parity:');
    expect(code).toBe(0);
    return (JSON.parse(io.output.stdout) as PairwiseJson).pairwise;
  }

  beforeAll(async () => {
    writeFileSync(
      join(directory, 'facts.jsonl'),
      Array.from({ length: items }, (_, index) =>
        JSON.stringify({ id: `q${index}`, topic: `topic ${index}` }),
      ).join('\n'),
    );
    writeFileSync(
      join(directory, 'facts.yaml'),
      'id: facts\nversion: 1\ndataset: facts.jsonl\nprompt:\n  user: "Explain {{topic}}."\ngraders:\n  - type: includes\n    value: "{{topic}}"\n',
    );
    // 'careful' explains well, 'terse' barely answers.
    models = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        const topic = /Explain (.*)\./.exec(body.messages.at(-1)?.content ?? '')?.[1] ?? '';
        return {
          text: body.model === 'careful' ? `A thorough explanation of ${topic}, with an example.` : 'dunno',
        };
      },
    });
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        ...['eval', '--task', 'facts.yaml', '--model', 'openai:careful', '--model', 'openai:terse'],
        ...['--base-url', models.url, '--store', store],
      ],
      io,
    );
    expect(io.output.stderr).not.toContain('parity:');
    expect(code).toBe(0);
    const opened = openSqliteRunStore({ path: store });
    try {
      const runs = opened.listRuns();
      runGood = runs.find((run) => run.config.modelSpec === 'openai:careful')?.runId ?? '';
      runPlain = runs.find((run) => run.config.modelSpec === 'openai:terse')?.runId ?? '';
    } finally {
      opened.close();
    }
    expect(runGood).not.toBe('');
    expect(runPlain).not.toBe('');
  });
  afterAll(async () => {
    await models.close();
    for (const judge of judges) await judge.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('a judge that always prefers the first position wins nobody anything: every pair inconsistent, A 50%, ties 100%', async () => {
    const judge = await startJudge(() => ({ text: 'Assistant A is better. [[A]]' }));
    const result = await compareJson(judge, runGood, runPlain);
    expect(result).toMatchObject({
      judge: 'openai:judge',
      prompt: 'pair-v2',
      a: { run_id: runGood, model: 'openai:careful' },
      b: { run_id: runPlain, model: 'openai:terse' },
      n_paired: items,
      n_judged: items,
      a_wins: 0,
      b_wins: 0,
      ties: items,
      inconsistent: items,
      errors: { unparseable: 0, failed: 0 },
      win_rate_a: { value: 0.5, ci95: [0.5, 0.5] },
      tie_rate: 1,
      test: { name: 'mcnemar_exact', p_value: 1 },
      verdict: 'no_significant_difference',
    });
    // Both orders of every item were asked: each answer was shown first once per item.
    expect(judge.requests).toHaveLength(2 * items);
    const shownFirst = judge.requests.map(firstAnswer);
    expect(shownFirst.filter((answer) => answer === 'dunno')).toHaveLength(items);
    expect(shownFirst.filter((answer) => answer.startsWith('A thorough explanation'))).toHaveLength(items);
    expect(judge.requests[0]?.temperature).toBe(0);
    expect(judge.requests[0]?.messages[0]?.content).toContain('Avoid any position biases');
    expect(judge.requests[0]?.messages.at(-1)?.content).toMatch(
      /^\[User Question\]\nExplain topic \d+\.\n\n/,
    );
  });

  it('a judge that truly prefers one model gives a significant verdict, whichever run is named first', async () => {
    const judge = await startJudge((body) => ({
      text: firstAnswer(body).startsWith('A thorough')
        ? 'The first is better. [[A]]'
        : 'The second is better. [[B]]',
    }));
    const result = await compareJson(judge, runGood, runPlain);
    expect(result).toMatchObject({ a_wins: items, b_wins: 0, ties: 0, inconsistent: 0, verdict: 'a_better' });
    expect(result.win_rate_a.value).toBe(1);
    expect(result.test.p_value).toBeCloseTo(2 / 2 ** items, 12);
    expect(result.win_rate_a.ci95[0]).toBeGreaterThan(0.5);
    // The other way round: B (the careful model) wins; the judgments come from the cache.
    const requests = judge.requests.length;
    const reversed = await compareJson(judge, runPlain, runGood);
    expect(reversed).toMatchObject({ a_wins: 0, b_wins: items, verdict: 'b_better' });
    expect(reversed.win_rate_a.ci95[1]).toBeLessThan(0.5);
    expect(judge.requests.length).toBe(requests);
    // The human-readable form.
    const { io } = await compare(judge, runGood, runPlain);
    expect(io.output.stdout).toContain(`A wins ${items}, B wins 0, ties 0`);
    expect(io.output.stdout).toMatch(/A's win rate 100\.0%\s+95% CI \[7\d\.\d%, 100\.0%\]/);
    expect(io.output.stdout).toContain('verdict: A is better');
  });

  it('refusals and failed judge requests are counted, not crashed on; the next call resumes the failed ones', async () => {
    let failing = true;
    const judge = await startJudge((body) => {
      const prompt = body.messages.at(-1)?.content ?? '';
      if (/Explain topic [01]\./.test(prompt)) return { text: 'I cannot compare these answers.' };
      if (failing && /Explain topic 2\./.test(prompt))
        return { status: 400, errorBody: { error: { message: 'bad' } } };
      return { text: 'Equally fine. [[C]]' };
    });
    const first = await compareJson(judge, runGood, runPlain, '--rubric', 'Prefer answers with an example.');
    expect(first).toMatchObject({
      rubric: 'Prefer answers with an example.',
      n_paired: items,
      n_judged: items - 3,
      ties: items - 3,
      inconsistent: 0,
      errors: { unparseable: 2, failed: 1 },
      verdict: 'no_significant_difference',
    });
    expect(judge.requests[0]?.messages[0]?.content).toContain(
      'Judge them against this rubric:\nPrefer answers with an example.',
    );
    // Same runs, judge and rubric: the judgment run is resumed; only the failed item is asked again.
    failing = false;
    const before = judge.requests.length;
    const second = await compareJson(judge, runGood, runPlain, '--rubric', 'Prefer answers with an example.');
    expect(second.judgment_run_id).toBe(first.judgment_run_id);
    expect(second.errors).toEqual({ unparseable: 2, failed: 0 });
    expect(second.n_judged).toBe(items - 2);
    expect(judge.requests.length).toBe(before + 2);

    // The judgments are visible in show: the run's metrics and, per item, both orders' outcome.
    const show = captureIo({ cwd: directory });
    expect(await main(['show', first.judgment_run_id, '--store', store, '--json', '--items'], show)).toBe(0);
    const shown = JSON.parse(show.output.stdout) as {
      benchmark: string;
      metrics: Record<string, { value: number }>;
      items: { id: string; extracted: string; scores: Record<string, number | null> }[];
    };
    expect(shown.benchmark).toBe('pairwise');
    expect(shown.metrics.win_rate_a?.value).toBeCloseTo(0.5, 10);
    const item = shown.items.find((entry) => entry.id === 'q5');
    expect(JSON.parse(item?.extracted ?? '{}')).toEqual({
      outcome: 'tie',
      inconsistent: false,
      ab: 'tie',
      ba: 'tie',
    });
    expect(shown.items.find((entry) => entry.id === 'q0')?.scores).toEqual({
      win_a: null,
      tie: null,
      inconsistent: null,
    });
    const text = captureIo({ cwd: directory });
    expect(await main(['show', first.judgment_run_id, '--store', store], text)).toBe(0);
    expect(text.output.stdout).toContain(
      `A wins 0, B wins 0, ties ${items - 2} (100.0%; 0 of them inconsistent`,
    );
    expect(text.output.stdout).toContain('left out: 2 without a verdict (refusal or unparseable), 0 failed');
    const opened = openSqliteRunStore({ path: store });
    try {
      const record = opened.getRun(first.judgment_run_id)?.items.find((entry) => entry.itemId === 'q5');
      expect(record?.response?.steps?.map((step) => [step.name, step.role])).toEqual([
        ['judge-ab', 'judge'],
        ['judge-ba', 'judge'],
      ]);
      expect(record?.response?.text).toContain('[judge-ab]\nEqually fine. [[C]]');
      // parity view's item page of the judgment run: the question with both answers, both judgments, the outcome.
      const view = await startViewServer({ store: opened, bundle: { script: '', style: '' } });
      try {
        const response = await fetch(`${view.url}/api/runs/${first.judgment_run_id}/items?search=topic%205.`);
        const page = (await response.json()) as ItemPage;
        const row = page.rows.find((entry) => entry.item.itemId === 'q5')?.item;
        expect(row?.prompt).toContain(
          "[The Start of Assistant A's Answer]\nA thorough explanation of topic 5",
        );
        expect(row?.response).toMatch(/\[judge-ab\]\nEqually fine\. \[\[C\]\]\n\n\[judge-ba\]\nEqually fine/);
        expect(row?.score).toBe(0.5);
        expect(JSON.parse(row?.extracted ?? '{}')).toMatchObject({ outcome: 'tie' });
      } finally {
        await view.close();
      }
    } finally {
      opened.close();
    }
  });

  it('bad input: one line, exit 2', async () => {
    const judge = await startJudge(() => ({ text: '[[A]]' }));
    const cases: [string[], RegExp][] = [
      [[runGood], /--judge compares two runs \(A and B\), got 1/],
      [[runGood, runPlain, '--margin', '1'], /--margin applies to score comparisons, not to --judge/],
      [[runGood, 'nope'], /no run 'nope'/],
    ];
    for (const [args, message] of cases) {
      const { code, io } = await compare(judge, ...args);
      expect(code).toBe(2);
      expect(io.output.stderr).toMatch(message);
      expect(io.output.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = captureIo({ cwd: directory });
    const missingStore = join(directory, 'nowhere.db');
    expect(
      await main(
        [
          'compare',
          'a',
          'b',
          '--judge',
          'openai:judge',
          '--judge-base-url',
          judge.url,
          '--store',
          missingStore,
        ],
        missing,
      ),
    ).toBe(2);
    expect(missing.output.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(missingStore)).toBe(false);
    const io = captureIo({ cwd: directory });
    expect(await main(['compare', runGood, runPlain, '--rubric', 'x', '--store', store], io)).toBe(2);
    expect(io.output.stderr).toMatch(/--rubric needs --judge/);
  });
});
