// `node --import tsx bench/store-writes.ts`: what an item record costs in the run store, written one transaction
// per item (recordItem) against batches of 64 (recordItems, the group commit `parity eval` uses), in the same
// run on the same disk. The records are shaped like `parity eval --bench mmlu`'s: five few-shot turns shared by
// the items of a subject (~4 kB of prompt), the item's own question, a response with its raw exchange (~1.7 kB).
// Per item (median of 5 runs of 1,000 items, as one `parity eval --limit 1000` writes): wall time, and CPU time (user + system, the store's file writes and the final checkpoint at close
// included). Target: under 40 µs of CPU per item batched (docs/decisions/0315). Prints, never fails.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatMessage, ItemRecord } from '../src/spec/index.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';

const ITEMS = 1000;
/** Each figure is the median of this many runs, each into a new store. */
const RUNS = 5;
const BATCH = 64;
const SUBJECTS = 57;

const question = (subject: number, index: number): string =>
  'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n' +
  `Question: In subject ${subject}, which statement about "case ${index}" holds? ${'Some context. '.repeat(8)}\n` +
  'A. the first\nB. the second\nC. the third\nD. the fourth\n' +
  'Your response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.';

/** The few-shot turns of each subject: one array of message objects, as the MMLU protocol builds them. */
const shots: readonly (readonly ChatMessage[])[] = Array.from({ length: SUBJECTS }, (_, subject) =>
  Array.from({ length: 5 }, (_, shot): ChatMessage[] => [
    { role: 'user', content: question(subject, -shot) },
    { role: 'assistant', content: 'The best answer is B.' },
  ]).flat(),
);

function record(index: number): ItemRecord {
  const subject = index % SUBJECTS;
  const chunk = (content: string) => ({
    id: 'chatcmpl-1',
    created: 0,
    model: 'm',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  });
  return {
    itemId: `subject${subject}/${index}`,
    sample: 0,
    group: `subject${subject}`,
    status: 'ok',
    request: {
      messages: [...(shots[subject] ?? []), { role: 'user', content: question(subject, index) }],
      parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
      assistantPrefix: 'The best answer is',
    },
    response: {
      text: 'Answer: B\nThe best answer is B',
      finishReason: 'stop',
      usage: { inputTokens: 716, outputTokens: 24 },
      timing: { ttftMs: 31.7 + index / 1000, totalMs: 31.8 + index / 1000 },
      prefillApplied: false,
      raw: {
        request: {
          model: 'm',
          stream: true,
          temperature: 0,
          max_tokens: 10,
          stop: ['.'],
          omitted_messages: 11,
        },
        response: {
          events: [
            ...['Answer: B\nTh', 'e best answe', 'r is B.\nLet ', ' 42.'].map(chunk),
            { omitted_events: 3 },
          ],
        },
      },
    },
    extracted: 'B',
    scores: { accuracy: index % 4 === 1 ? 1 : 0 },
    cached: false,
    attempts: 1,
    cacheKey: createHash('sha256').update(`item ${index}`).digest('hex'),
  };
}

function measureOnce(
  write: (store: ReturnType<typeof openSqliteRunStore>, runId: string, records: ItemRecord[]) => void,
): { wall: number; cpu: number } {
  const directory = mkdtempSync(join(tmpdir(), 'parity-bench-store-'));
  const records = Array.from({ length: ITEMS }, (_, index) => record(index));
  try {
    const store = openSqliteRunStore({ path: join(directory, 'parity.db') });
    const runId = store.createRun({
      kind: 'eval',
      config: {
        modelSpec: 'openai:m',
        model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
        benchmark: 'mmlu',
        protocol: 'mmlu.gen.5shot',
        protocolVersion: 2,
        concurrency: 16,
        timeoutMs: 60_000,
        maxRetries: 0,
      },
      totalItems: ITEMS,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    write(store, runId, records);
    store.close();
    const wall = ((performance.now() - started) * 1000) / ITEMS;
    const cpu = process.cpuUsage(cpuBefore);
    return { wall, cpu: (cpu.user + cpu.system) / ITEMS };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function measure(
  label: string,
  write: (store: ReturnType<typeof openSqliteRunStore>, runId: string, records: ItemRecord[]) => void,
): number {
  const runs = Array.from({ length: RUNS }, () => measureOnce(write)).sort(
    (left, right) => left.cpu - right.cpu,
  );
  const median = runs[Math.floor(RUNS / 2)] ?? { wall: Number.NaN, cpu: Number.NaN };
  console.log(
    `  ${label.padEnd(38)} ${median.wall.toFixed(1).padStart(7)} µs wall, ${median.cpu.toFixed(1).padStart(6)} µs CPU per item`,
  );
  return median.cpu;
}

console.log(`run store writes (${ITEMS} MMLU-shaped item records, WAL, synchronous=NORMAL)`);
const single = measure('baseline: one transaction per item', (store, runId, records) => {
  for (const each of records) store.recordItem(runId, each, { updatedAt: '2026-03-01T10:00:00.000Z' });
});
const batched = measure(`group commit: ${BATCH} items per transaction`, (store, runId, records) => {
  for (let index = 0; index < records.length; index += BATCH) {
    store.recordItems(runId, records.slice(index, index + BATCH), { updatedAt: '2026-03-01T10:00:00.000Z' });
  }
});
console.log(
  `  group commit costs ${(single / batched).toFixed(1)}× less CPU per item (target: < 40 µs of CPU per item)`,
);
