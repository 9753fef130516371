import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { parseGraderResults } from '../src/tasks/task-protocol.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { writeSyntheticGsm8k } from './support/synthetic-datasets.ts';

const examples = resolve(import.meta.dirname, '../examples/tasks');

/** The model: routes by keyword (t04 and t08 wrong on purpose), extracts invoices, summarises. */
function modelReply(user: string): string {
  if (user.startsWith('Ticket:')) {
    if (/charged|refund/.test(user)) return 'Billing';
    if (/crash|Search/.test(user)) return 'bug';
    if (/VAT/.test(user)) return 'other';
    if (/Dark mode/.test(user)) return 'billing';
    return 'other';
  }
  if (user.startsWith('Extract')) {
    if (user.includes('ACME'))
      return '{"vendor": "ACME Tools Ltd", "number": "INV-1001", "currency": "EUR", "total": 48}';
    if (user.includes('Nordlicht'))
      return 'Here you go:\n```json\n{"vendor": "Nordlicht GmbH", "number": "2024-17", "currency": "EUR", "total": 360}\n```';
    // Wrong total, and a currency the schema refuses.
    if (user.includes('Bluebird'))
      return '{"vendor": "Bluebird Catering", "number": "77", "currency": "usd", "total": 214}';
    return '{"vendor": "Kowalski & Sons", "number": "A-9", "currency": "PLN", "total": 1250'; // invalid JSON
  }
  if (user.includes('Q3 roadmap')) return 'The mobile redesign moves to Q4 because of hiring delays.';
  if (user.includes('Budget')) return 'Travel is frozen. Also the CEO resigned.';
  if (user.includes('apples')) return 'The answer is 1.';
  return 'The team will migrate to the zero-trust gateway instead of renewing the VPN contract.';
}

describe('parity eval --task on the example tasks, over real HTTP', () => {
  let directory: string;
  let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  let judge: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
  const store = () => join(directory, 'parity.db');

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-task-eval-'));
    cpSync(examples, join(directory, 'tasks'), { recursive: true });
    model = await startOpenAICompatibleServer({
      respond: ({ body }) => ({ text: modelReply(body.messages.at(-1)?.content ?? '') }),
    });
    // The judge rates 5 when the answer names the decision's key word, 2 when it invents; no rating once.
    judge = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        const prompt = body.messages.at(-1)?.content ?? '';
        if (prompt.includes('CEO resigned')) return { text: 'It invents a resignation. Rating: [[2]]' };
        if (prompt.includes('zero-trust gateway instead')) return { text: 'Fine summary, no rating given.' };
        return { text: 'States the decision and nothing else. Rating: [[5]]' };
      },
    });
  });
  afterAll(async () => {
    await model?.close();
    await judge?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const args = (...rest: string[]) => [
    'eval',
    '--model',
    'openai:task-model',
    '--base-url',
    model.url,
    '--store',
    store(),
    '--concurrency',
    '2',
    ...rest,
  ];

  const storedItems = (runId: string) => {
    const opened = openSqliteRunStore({ path: store() });
    try {
      const run = opened.getRun(runId);
      return new Map((run?.items ?? []).map((item) => [item.itemId, item]));
    } finally {
      opened.close();
    }
  };

  it('ticket routing: includes grader per item, eval JSON with score and pass_rate.queue, JUnit per item', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      args('--task', 'tasks/ticket-routing.yaml', '--json', 'out.json', '--junit', 'junit.xml'),
      io,
    );
    expect(io.output.stderr).not.toContain('parity:');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(directory, 'out.json'), 'utf8')) as {
      runs: {
        run_id: string;
        benchmark: string;
        protocol: string;
        metrics: Record<string, { value: number; ci95: number[] }>;
      }[];
    };
    const run = json.runs[0];
    expect(run).toMatchObject({ benchmark: 'task:ticket-routing', protocol: 'ticket-routing.v1' });
    expect(run?.metrics.score?.value).toBeCloseTo(6 / 8);
    expect(run?.metrics['pass_rate.queue']?.value).toBeCloseTo(6 / 8);
    expect(run?.metrics.score?.ci95[0]).toBeLessThan(0.75);
    const items = storedItems(run?.run_id ?? '');
    expect(items.get('t01')?.scores).toEqual({ score: 1, 'grader.queue': 1, 'pass.queue': 1 });
    expect(items.get('t04')?.scores).toMatchObject({ score: 0, 'pass.queue': 0 });
    expect(parseGraderResults(items.get('t04')?.extracted ?? null)?.[0]?.reason).toBe(
      '"other" lacks "billing"',
    );
    const junit = readFileSync(join(directory, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(8);
    expect(junit.match(/<failure /g)).toHaveLength(2);
    expect(junit).toContain('FAIL queue (includes, score 0): &quot;other&quot; lacks &quot;billing&quot;');
    if (existsSync('/usr/bin/xmllint')) {
      const schema = resolve(import.meta.dirname, 'support/junit.xsd');
      execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, join(directory, 'junit.xml')], {
        stdio: 'pipe',
      });
    }

    // Cached: the same run again sends no request, and show reads the stored run.
    const before = model.requests.length;
    const again = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/ticket-routing.yaml'), again)).toBe(0);
    expect(model.requests.length).toBe(before);
    const show = captureIo({ cwd: directory });
    expect(await main(['show', run?.run_id ?? '', '--store', store()], show)).toBe(0);
    expect(show.output.stdout).toContain('pass_rate.queue');
    // show --json --items carries each grader's result and reason; report writes Markdown with the metrics.
    const itemsIo = captureIo({ cwd: directory });
    expect(await main(['show', run?.run_id ?? '', '--store', store(), '--json', '--items'], itemsIo)).toBe(0);
    const shown = JSON.parse(itemsIo.output.stdout) as { items: { id: string; extracted: string | null }[] };
    const t04 = shown.items.find((entry) => entry.id === 't04');
    expect(JSON.parse(t04?.extracted ?? '[]')).toEqual([
      { name: 'queue', type: 'includes', score: 0, passed: false, reason: '"other" lacks "billing"' },
    ]);
    const report = captureIo({ cwd: directory });
    expect(await main(['report', run?.run_id ?? '', '--store', store(), '--md', 'report.md'], report)).toBe(
      0,
    );
    expect(readFileSync(join(directory, 'report.md'), 'utf8')).toContain('task:ticket-routing');
  });

  it('invoice to JSON: schema and field matches per item, including invalid JSON', async () => {
    const io = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/invoice-to-json.yaml', '--json', 'inv.json'), io)).toBe(0);
    const json = JSON.parse(readFileSync(join(directory, 'inv.json'), 'utf8')) as {
      runs: { run_id: string; metrics: Record<string, { value: number }> }[];
    };
    const items = storedItems(json.runs[0]?.run_id ?? '');
    expect(items.get('inv1')?.scores).toMatchObject({
      score: 1,
      'pass.schema': 1,
      'pass.vendor': 1,
      'pass.total': 1,
    });
    expect(items.get('inv2')?.scores).toMatchObject({ score: 1 });
    expect(items.get('inv3')?.scores).toMatchObject({ 'pass.schema': 0, 'pass.vendor': 1, 'pass.total': 0 });
    expect(items.get('inv3')?.scores.score).toBeCloseTo(1 / 3);
    expect(items.get('inv4')?.scores).toMatchObject({ score: 0, 'pass.schema': 0 });
    const reasons = parseGraderResults(items.get('inv3')?.extracted ?? null)?.map((result) => result.reason);
    expect(reasons?.[0]).toContain('/currency');
    expect(reasons?.[2]).toBe('/total is "214", not "\\"214.5\\""');
    expect(json.runs[0]?.metrics['pass_rate.schema']?.value).toBeCloseTo(0.5);
  });

  it('summarisation: needs --judge; the judge rubric rating and reasoning are stored, unparsed left unscored', async () => {
    const refused = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/summarisation.yaml'), refused)).toBe(2);
    expect(refused.output.stderr).toContain('--judge');
    const io = captureIo({ cwd: directory });
    const code = await main(
      args(
        '--task',
        'tasks/summarisation.yaml',
        '--judge',
        'openai:judge',
        '--judge-base-url',
        judge.url,
        '--json',
        's.json',
      ),
      io,
    );
    expect(io.output.stderr).not.toContain('parity:');
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(directory, 's.json'), 'utf8')) as {
      runs: { run_id: string }[];
    };
    const items = storedItems(json.runs[0]?.run_id ?? '');
    expect(items.get('n1')?.scores).toMatchObject({ score: 1, 'pass.rubric': 1, 'pass.one_sentence': 1 });
    expect(items.get('n2')?.scores).toMatchObject({
      'grader.rubric': 0.25,
      'pass.rubric': 0,
      'pass.one_sentence': 0,
    });
    expect(items.get('n3')?.scores).toMatchObject({ score: null, 'grader.rubric': null });
    const rubric = parseGraderResults(items.get('n2')?.extracted ?? null)?.[0];
    expect(rubric?.reason).toContain('It invents a resignation');
    const judged = judge.requests.find((request) =>
      request.messages.at(-1)?.content.includes('CEO resigned'),
    );
    expect(judged?.messages.at(-1)?.content).toContain(
      'states the decision (non-customer travel is frozen until October)',
    );
    expect(items.get('n2')?.response?.steps?.map((step) => step.role)).toEqual(['model', 'judge']);
  });

  it('--fail-under exits 1 naming the gate, 0 when met; --fail-under-lower uses the interval', async () => {
    const failing = captureIo({ cwd: directory });
    expect(
      await main(args('--task', 'tasks/ticket-routing.yaml', '--fail-under', 'score=0.8'), failing),
    ).toBe(1);
    expect(failing.output.stderr).toMatch(
      /gate failed: --fail-under score=0\.8: run \S+ \(task:ticket-routing on openai:task-model\) has score 0\.7500/,
    );
    const passing = captureIo({ cwd: directory });
    expect(
      await main(
        args(
          '--task',
          'tasks/ticket-routing.yaml',
          '--fail-under',
          'score=0.7',
          '--fail-under',
          'pass_rate.queue=0.75',
        ),
        passing,
      ),
    ).toBe(0);
    const lower = captureIo({ cwd: directory });
    expect(
      await main(
        args('--task', 'tasks/ticket-routing.yaml', '--fail-under', 'score=0.7', '--fail-under-lower'),
        lower,
      ),
    ).toBe(1);
    expect(lower.output.stderr).toContain('lower 95% bound');
    const typo = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/ticket-routing.yaml', '--fail-under', 'acuracy=0.1'), typo)).toBe(
      1,
    );
    expect(typo.output.stderr).toContain('has no metric acuracy');
    const bad = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/ticket-routing.yaml', '--fail-under', 'score'), bad)).toBe(2);
  });

  it('an item that failed is stored as an error (exit 4) and parity resume finishes the task run', async () => {
    let failing = true;
    const flaky = await startOpenAICompatibleServer({
      respond: ({ body }) => {
        const user = body.messages.at(-1)?.content ?? '';
        if (failing && user.includes('Lisbon'))
          return { status: 400, errorBody: { error: { message: 'bad item' } } };
        return { text: modelReply(user) };
      },
    });
    try {
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'eval',
          '--model',
          'openai:flaky',
          '--base-url',
          flaky.url,
          '--store',
          store(),
          '--task',
          'tasks/ticket-routing.yaml',
          '--json',
          'flaky.json',
        ],
        io,
      );
      expect(code).toBe(4);
      const runId =
        (JSON.parse(readFileSync(join(directory, 'flaky.json'), 'utf8')) as { runs: { run_id: string }[] })
          .runs[0]?.run_id ?? '';
      expect(storedItems(runId).get('t03')?.status).toBe('error');
      failing = false;
      const resumed = captureIo({ cwd: directory });
      expect(await main(['resume', runId, '--store', store()], resumed)).toBe(0);
      expect(storedItems(runId).get('t03')).toMatchObject({ status: 'ok', scores: { score: 1 } });
      expect(storedItems(runId).size).toBe(8);
    } finally {
      await flaky.close();
    }
  });

  it('a bad task file is one line naming file, line and field (exit 2), before any model call', async () => {
    const before = model.requests.length;
    writeFileSync(
      join(directory, 'tasks/bad.yaml'),
      'id: bad\nversion: 1\ndataset: tickets.jsonl\nprompt: {user: "{{text}}"}\ngraders:\n  - type: regex\n    patern: x\n',
    );
    const io = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/ticket-routing.yaml', '--task', 'tasks/bad.yaml'), io)).toBe(2);
    expect(io.output.stderr).toMatch(/^parity: \S+\/tasks\/bad\.yaml:6: graders\[0\]\S*: [^\n]+\n$/);
    expect(model.requests.length).toBe(before);
    const both = captureIo({ cwd: directory });
    expect(await main(args('--task', 'tasks/bad.yaml', '--bench', 'gsm8k'), both)).toBe(2);
    const several = captureIo({ cwd: directory });
    expect(await main([...args('--bench', 'gsm8k'), '--model', 'openai:other'], several)).toBe(2);
    expect(several.output.stderr).toContain('several models are for --task');
  });

  it.skipIf(!existsSync('/usr/bin/bwrap'))(
    'a python grader runs grade(response, row) in the sandbox through eval (skipped: no /usr/bin/bwrap)',
    async () => {
      writeFileSync(
        join(directory, 'tasks/python.yaml'),
        [
          'id: python-graded',
          'version: 1',
          'dataset: tickets.jsonl',
          'prompt: {user: "Ticket: {{text}}"}',
          'graders:',
          '  - type: python',
          '    name: label',
          '    code: |',
          '      def grade(response, row):',
          '          return response.strip().lower() == row["label"]',
          '',
        ].join('\n'),
      );
      const io = captureIo({ cwd: directory });
      expect(await main(args('--task', 'tasks/python.yaml', '--json', 'py.json'), io)).toBe(0);
      const json = JSON.parse(readFileSync(join(directory, 'py.json'), 'utf8')) as {
        runs: { run_id: string; metrics: Record<string, { value: number }> }[];
      };
      expect(json.runs[0]?.metrics['pass_rate.label']?.value).toBeCloseTo(6 / 8);
      const items = storedItems(json.runs[0]?.run_id ?? '');
      expect(items.get('t01')?.scores).toMatchObject({ score: 1, 'pass.label': 1 });
      expect(items.get('t08')?.scores).toMatchObject({ score: 0, 'pass.label': 0 });
    },
  );

  it('--fail-under gates benchmark runs too', async () => {
    writeSyntheticGsm8k(join(directory, 'data'), { rows: 4 });
    const bench = (...rest: string[]) => [
      ...args('--bench', 'gsm8k', '--data-dir', join(directory, 'data'), '--no-download'),
      ...rest,
    ];
    // The model answers 1 to every problem: only the first (answer 1) is right.
    const failing = captureIo({ cwd: directory });
    expect(await main(bench('--fail-under', 'accuracy_flexible=0.5'), failing)).toBe(1);
    expect(failing.output.stderr).toMatch(
      /gate failed: --fail-under accuracy_flexible=0\.5: run \S+ \(gsm8k on openai:task-model\) has accuracy_flexible 0\.2500/,
    );
    const passing = captureIo({ cwd: directory });
    expect(await main(bench('--fail-under', 'accuracy_flexible=0.25'), passing)).toBe(0);
    const junit = captureIo({ cwd: directory });
    expect(await main(bench('--junit', 'j.xml'), junit)).toBe(2);
  });

  it('several --model and --task: one run per pair', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        ...args(
          '--task',
          'tasks/ticket-routing.yaml',
          '--task',
          'tasks/invoice-to-json.yaml',
          '--json',
          'pairs.json',
        ),
        '--model',
        'openai:second-model',
      ],
      io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(directory, 'pairs.json'), 'utf8')) as {
      runs: { run_id: string; model: string; benchmark: string }[];
    };
    expect(json.runs.map((run) => `${run.model} ${run.benchmark}`)).toEqual([
      'openai:task-model task:ticket-routing',
      'openai:task-model task:invoice-to-json',
      'openai:second-model task:ticket-routing',
      'openai:second-model task:invoice-to-json',
    ]);

    // compare: the same answers from both models are equivalent within a wide margin, not within a narrow one.
    const routing = json.runs
      .filter((run) => run.benchmark === 'task:ticket-routing')
      .map((run) => run.run_id);
    const wide = captureIo({ cwd: directory });
    const compare = (...rest: string[]) => ['compare', ...routing, '--store', store(), ...rest];
    const wideCode = await main(compare('--margin', '60', '--fail-unless-equivalent'), wide);
    expect(wideCode).toBe(0);
    expect(wide.output.stderr).toBe('');
    const narrow = captureIo({ cwd: directory });
    expect(await main(compare('--margin', '1', '--fail-unless-equivalent'), narrow)).toBe(1);
    expect(narrow.output.stderr).toMatch(
      /^gate failed: --fail-unless-equivalent: task:ticket-routing score, \S+ vs \S+: inconclusive within ±0\.01\n$/,
    );
    const noMargin = captureIo({ cwd: directory });
    expect(await main(compare('--fail-unless-equivalent'), noMargin)).toBe(2);
    expect(noMargin.output.stderr).toContain('--fail-unless-equivalent: needs --margin');
  });
});
