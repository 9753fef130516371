import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, defineTask, openStore } from './index.ts';

describe('the library compare on task runs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parity-api-task-compare-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('rebuilds the task protocol from the stored definition, as parity compare does', () => {
    const definition = defineTask({
      id: 'yes-no',
      version: 1,
      dataset: 'rows.jsonl',
      prompt: { user: '{{q}}' },
      graders: [{ type: 'exact', value: '{{a}}' }],
    });
    const store = openStore(join(folder, 'parity.db'));
    try {
      const runFor = (modelId: string, right: number): string => {
        const runId = store.createRun({
          kind: 'eval',
          config: {
            modelSpec: `openai:${modelId}`,
            model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId },
            benchmark: 'task:yes-no',
            protocol: 'yes-no.v1',
            protocolVersion: 1,
            concurrency: 1,
            timeoutMs: 1000,
            maxRetries: 0,
            task: { file: join(folder, 'yes-no.yaml'), definition },
          },
          totalItems: 10,
          createdAt: '2026-01-01T00:00:00.000Z',
        });
        for (let index = 0; index < 10; index += 1) {
          const score = index < right ? 1 : 0;
          store.recordItem(
            runId,
            {
              itemId: String(index + 1),
              sample: 0,
              status: 'ok',
              request: { messages: [{ role: 'user', content: `q${index}` }], parameters: {} },
              response: {
                text: 'x',
                finishReason: 'stop',
                usage: {},
                timing: { totalMs: 1 },
                prefillApplied: false,
              },
              extracted: '[]',
              scores: { score, 'grader.exact': score, 'pass.exact': score },
              cached: false,
              attempts: 1,
              cacheKey: `${runId}-${index}`,
            },
            { updatedAt: '2026-01-01T00:00:00.000Z' },
          );
        }
        store.setStatus(runId, 'completed', { updatedAt: '2026-01-01T00:00:01.000Z' });
        return runId;
      };
      const a = runFor('strong', 10);
      const b = runFor('weak', 2);
      const report = compare({ store, runs: [a, b] });
      expect(report.comparisons).toHaveLength(1);
      expect(report.comparisons[0]).toMatchObject({
        benchmark: 'task:yes-no',
        protocol: 'yes-no.v1',
        metric: 'score',
        n_paired: 10,
        a: { run_id: a, value: 1 },
        b: { run_id: b, value: 0.2 },
        verdict: 'a_better',
      });
    } finally {
      store.close();
    }
  });
});
