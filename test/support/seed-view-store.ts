import { benchStepItemRecord } from '../../src/report/bench-step-record.ts';
import type { BenchStepRecord, ItemRecord, RunConfig, RunStore } from '../../src/spec/index.ts';

// Seeds a run store through the real RunStore API with the runs `parity view` and `parity report` show.

/** Payloads that must stay text: each would run script or load something if parsed as HTML or Markdown. */
export const hostilePayloads = [
  '<script>window.__parityPwned = "script"; alert("script")</script>',
  "<img src=x onerror=\"window.__parityPwned = 'img'; alert('img')\">",
  '[click me](javascript:window.__parityPwned="link") <a href="javascript:alert(1)">raw link</a>',
  '# Markdown heading\n\n<div onclick="alert(1)"><b>raw html</b></div>\n\n<iframe src="https://example.invalid/"></iframe>',
  `${'very-long-line-'.repeat(2_000)}end`,
  '</script><script>window.__parityPwned = "breakout"</script><!--',
  '<svg><script>window.__parityPwned = "svg"</script></svg><style>body{display:none}</style>',
] as const;

function config(options: {
  modelSpec: string;
  benchmark: string;
  protocol: string;
  endpoint?: string;
}): RunConfig {
  return {
    modelSpec: options.modelSpec,
    model: {
      provider: options.modelSpec.split(':')[0] ?? 'openai',
      endpoint: options.endpoint ?? 'http://127.0.0.1:1/v1',
      modelId: options.modelSpec.split(':')[1] ?? 'x',
    },
    benchmark: options.benchmark,
    protocol: options.protocol,
    protocolVersion: 1,
    concurrency: 4,
    timeoutMs: 60_000,
    maxRetries: 2,
  };
}

const letters = ['A', 'B', 'C', 'D'] as const;

/** One MMLU-shaped item record: `correct` decides the score; latency and tokens vary with `index`. */
export function mmluRecord(options: {
  index: number;
  subject: string;
  row: number;
  correct: boolean;
  gold: string;
  text?: string;
}): ItemRecord {
  const answer = options.correct
    ? options.gold
    : (letters[(letters.indexOf(options.gold as 'A') + 1) % 4] ?? 'A');
  const text = options.text ?? ` ${answer}`;
  return {
    itemId: `${options.subject}/${options.row}`,
    sample: 0,
    group: options.subject,
    status: 'ok',
    request: {
      messages: [
        {
          role: 'user',
          content: `Example question for ${options.subject}?\nA. one\nB. two\nC. three\nD. four`,
        },
        { role: 'assistant', content: 'The best answer is A.' },
        {
          role: 'user',
          content: `Question ${options.row} about ${options.subject}: which letter is right?\nA. alpha\nB. beta\nC. gamma\nD. delta`,
        },
      ],
      parameters: { temperature: 0, maxTokens: 10 },
      assistantPrefix: 'The best answer is',
    },
    response: {
      text,
      finishReason: 'stop',
      usage: { inputTokens: 400 + (options.index % 50), outputTokens: 2 + (options.index % 3) },
      timing: { ttftMs: 80 + ((options.index * 37) % 120), totalMs: 150 + ((options.index * 53) % 400) },
      prefillApplied: true,
    },
    extracted: options.text === undefined ? answer : text.trim().slice(0, 40),
    scores: { accuracy: options.correct ? 1 : 0 },
    cached: false,
    attempts: 1,
    cacheKey: `seed-${options.subject}-${options.row}-${options.index}-${options.correct}`,
  };
}

export interface SeededRuns {
  readonly strongRunId: string;
  readonly weakRunId: string;
  readonly hostileRunId: string;
  readonly runningRunId: string;
  readonly benchRunId: string;
}

const subjects = ['astronomy', 'high_school_chemistry', 'world_religions', 'virology'] as const;

/**
 * Two completed MMLU runs of different models on the same 80 items (A right on ~85%, B on ~60%, with an error
 * and an unscored item in B), a GSM8K run whose responses are hostile HTML/Markdown, a running run, and a
 * bench run with three concurrency steps.
 */
export function seedViewStore(store: RunStore): SeededRuns {
  const at = (minute: number): string =>
    `2026-03-0${1 + Math.floor(minute / 60)}T10:${String(minute % 60).padStart(2, '0')}:00.000Z`;
  const itemsPerSubject = 20;
  const total = subjects.length * itemsPerSubject;
  const strongRunId = store.createRun({
    kind: 'eval',
    config: config({ modelSpec: 'openai:gpt-4o', benchmark: 'mmlu', protocol: 'mmlu.gen.5shot' }),
    totalItems: total,
    createdAt: at(1),
  });
  const weakRunId = store.createRun({
    kind: 'eval',
    config: config({
      modelSpec: 'local:/models/llama-3.1-8b-instruct-q4.gguf',
      benchmark: 'mmlu',
      protocol: 'mmlu.gen.5shot',
    }),
    totalItems: total,
    createdAt: at(2),
  });
  let index = 0;
  for (const subject of subjects) {
    for (let row = 0; row < itemsPerSubject; row += 1) {
      const gold = letters[row % 4] ?? 'A';
      store.recordItem(strongRunId, mmluRecord({ index, subject, row, gold, correct: index % 7 !== 3 }), {
        updatedAt: at(3),
      });
      let weak: ItemRecord = mmluRecord({ index, subject, row, gold, correct: index % 5 < 3 });
      if (index === 5)
        weak = {
          ...weak,
          status: 'error',
          response: undefined,
          extracted: null,
          scores: {},
          error: { name: 'ProviderError', message: 'HTTP 500 from server <b>oops</b>' },
        } as ItemRecord;
      if (index === 6) weak = { ...weak, extracted: null, scores: { accuracy: null } };
      store.recordItem(weakRunId, weak, { updatedAt: at(4) });
      index += 1;
    }
  }
  store.setStatus(strongRunId, 'completed', { updatedAt: at(5) });
  store.setStatus(weakRunId, 'completed', { updatedAt: at(5) });
  // Gold answers as `parity eval` records them: the letter and the choices as the prompt shows them.
  const gold = new Map(
    subjects.flatMap((subject) =>
      Array.from({ length: itemsPerSubject }, (_, row) => [
        `${subject}/${row}`,
        { target: letters[row % 4] ?? 'A', choices: ['A. alpha', 'B. beta', 'C. gamma', 'D. delta'] },
      ]),
    ),
  );
  store.recordGold?.(strongRunId, gold);
  store.recordGold?.(weakRunId, gold);

  const hostileRunId = store.createRun({
    kind: 'eval',
    config: config({
      modelSpec: 'openai:evil-<script>alert(1)</script>',
      benchmark: 'gsm8k',
      protocol: 'gsm8k.cot.8shot',
    }),
    totalItems: hostilePayloads.length,
    createdAt: at(6),
  });
  hostilePayloads.forEach((payload, payloadIndex) => {
    const record = mmluRecord({
      index: payloadIndex,
      subject: 'hostile',
      row: payloadIndex,
      gold: 'A',
      correct: payloadIndex % 2 === 0,
      text: payload,
    });
    store.recordItem(
      hostileRunId,
      {
        ...record,
        itemId: String(payloadIndex),
        group: undefined,
        extracted: payload.slice(0, 60),
        scores: { accuracy_flexible: payloadIndex % 2, accuracy_strict: 0 },
        request: { ...record.request, messages: [{ role: 'user', content: `Prompt with ${payload}` }] },
      } as ItemRecord,
      { updatedAt: at(7) },
    );
  });
  store.setStatus(hostileRunId, 'completed', { updatedAt: at(7) });

  const runningRunId = store.createRun({
    kind: 'eval',
    config: config({ modelSpec: 'openai:gpt-4o-mini', benchmark: 'mmlu', protocol: 'mmlu.gen.5shot' }),
    totalItems: total,
    createdAt: at(8),
  });
  for (let row = 0; row < 10; row += 1) {
    store.recordItem(
      runningRunId,
      mmluRecord({
        index: row,
        subject: 'astronomy',
        row,
        gold: letters[row % 4] ?? 'A',
        correct: row % 3 !== 0,
      }),
      { updatedAt: at(9) },
    );
  }

  const benchRunId = store.createRun({
    kind: 'bench',
    config: config({ modelSpec: 'openai:llama-3.1-70b', benchmark: 'bench', protocol: 'bench.synthetic' }),
    totalItems: 3,
    createdAt: at(10),
  });
  [1, 4, 16].forEach((concurrency, stepIndex) => {
    const step = benchStep({ stepIndex, concurrency });
    store.recordItem(
      benchRunId,
      benchStepItemRecord({
        runId: benchRunId,
        step,
        request: {
          messages: [{ role: 'user', content: 'synthetic prompt' }],
          parameters: { maxTokens: 128 },
        },
      }),
      { updatedAt: at(11) },
    );
  });
  store.setStatus(benchRunId, 'completed', { updatedAt: at(12) });
  return { strongRunId, weakRunId, hostileRunId, runningRunId, benchRunId };
}

function latencyStats(values: readonly number[]): {
  count: number;
  mean: number;
  median: number;
  p90: number;
  p99: number;
} {
  const sorted = [...values].sort((left, right) => left - right);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    median: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
  };
}

/** A plausible bench step: latency grows with concurrency, throughput saturates. */
function benchStep(options: { stepIndex: number; concurrency: number }): BenchStepRecord {
  const { concurrency } = options;
  const requests = Array.from({ length: 60 }, (_, index) => {
    const ttftMs = 40 * Math.sqrt(concurrency) + ((index * 13) % 30);
    const e2elMs = ttftMs + 128 * (8 + concurrency * 0.8) + ((index * 29) % 200);
    return {
      startMs: index * 50,
      status: 'ok' as const,
      ttftMs,
      e2elMs,
      itlMs: [],
      inputTokens: 512,
      outputTokens: 128,
      outputTokensFromServer: true,
    };
  });
  const e2el = latencyStats(requests.map((request) => request.e2elMs));
  const ttft = latencyStats(requests.map((request) => request.ttftMs));
  const requestThroughput = concurrency / (e2el.mean / 1000);
  return {
    stepIndex: options.stepIndex,
    metrics: {
      load: { type: 'concurrency', concurrency },
      completed: 60,
      failed: 0,
      errorRate: 0,
      durationS: 60 / requestThroughput,
      totalInputTokens: 60 * 512,
      totalOutputTokens: 60 * 128,
      requestThroughput,
      outputThroughput: requestThroughput * 128,
      totalTokenThroughput: requestThroughput * 640,
      ttft,
      tpot: latencyStats(requests.map(() => 8 + concurrency * 0.8)),
      itl: { count: 0 },
      e2el,
      outputTokensCounted: 0,
    },
    requests,
    settings: {
      endpoint: 'chat',
      inputTokens: 512,
      outputTokens: 128,
      ignoreEos: true,
      seed: 1,
      requestsPerStep: 60,
      warmupRequests: 0,
    },
  };
}
