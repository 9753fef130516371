// `node --import tsx bench/store-writes.ts`: what an item record costs in the run store, written one transaction
// per item (recordItem) against batches of 64 (recordItems, the group commit `parity eval` uses), in the same
// run on the same disk. Target: well under 100 µs per item batched. Prints, never fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemRecord } from '../src/spec/index.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';

const ITEMS = 5000;
const BATCH = 64;

function record(index: number): ItemRecord {
  return {
    itemId: `subject/${index}`,
    sample: 0,
    group: 'subject',
    status: 'ok',
    request: {
      messages: [
        { role: 'system', content: 'Answer with a letter.' },
        { role: 'user', content: `Question ${index}: ${'context '.repeat(200)}` },
      ],
      parameters: { temperature: 0, maxTokens: 5 },
    },
    response: {
      text: ' B',
      finishReason: 'stop',
      usage: { inputTokens: 420, outputTokens: 2 },
      timing: { ttftMs: 80, totalMs: 95 },
      prefillApplied: false,
    },
    extracted: 'B',
    scores: { accuracy: 1 },
    cached: false,
    attempts: 1,
    cacheKey: `key-${index}`,
  };
}

function measure(
  label: string,
  write: (store: ReturnType<typeof openSqliteRunStore>, runId: string) => void,
): number {
  const directory = mkdtempSync(join(tmpdir(), 'parity-bench-store-'));
  const store = openSqliteRunStore({ path: join(directory, 'parity.db') });
  try {
    const runId = store.createRun({
      kind: 'eval',
      config: {
        modelSpec: 'openai:m',
        model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
        benchmark: 'mmlu',
        protocol: 'mmlu.gen.5shot',
        protocolVersion: 1,
        concurrency: 8,
        timeoutMs: 60_000,
        maxRetries: 0,
      },
      totalItems: ITEMS,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    const started = performance.now();
    write(store, runId);
    const microseconds = ((performance.now() - started) * 1000) / ITEMS;
    console.log(`  ${label.padEnd(38)} ${microseconds.toFixed(1).padStart(7)} µs per item`);
    return microseconds;
  } finally {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

console.log(`run store writes (${ITEMS} item records of ~1.7 kB, WAL, synchronous=NORMAL)`);
const single = measure('baseline: one transaction per item', (store, runId) => {
  for (let index = 0; index < ITEMS; index += 1) {
    store.recordItem(runId, record(index), { updatedAt: '2026-03-01T10:00:00.000Z' });
  }
});
const batched = measure(`group commit: ${BATCH} items per transaction`, (store, runId) => {
  for (let index = 0; index < ITEMS; index += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ITEMS - index) }, (_, offset) =>
      record(index + offset),
    );
    store.recordItems(runId, batch, { updatedAt: '2026-03-01T10:00:00.000Z' });
  }
});
console.log(
  `  group commit is ${(single / batched).toFixed(1)}× faster per item (target: < 100 µs per item)`,
);
