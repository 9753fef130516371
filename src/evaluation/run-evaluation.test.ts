import { describe, expect, it } from 'vitest';
import { mmluGen5shot } from '../benchmarks/mmlu/mmlu-gen-5shot.ts';
import type { MmluData } from '../benchmarks/mmlu/mmlu-data.ts';
import { ProviderError } from '../spec/index.ts';
import type { Benchmark, GenerateResult, Item, ItemRecord, LanguageModel, RunStore } from '../spec/index.ts';
import { runEvaluation } from './run-evaluation.ts';

const devExamples = Array.from({ length: 5 }, (_, index) => ({
  question: `dev ${index}?`,
  choices: ['a', 'b', 'c', 'd'] as const,
  answer: 'A' as const,
}));

const item = (id: string, group?: string): Item<MmluData> => ({
  id,
  ...(group === undefined ? {} : { group }),
  data: { question: `${id}?`, choices: ['w', 'x', 'y', 'z'], answer: 'B', subject: 's', devExamples },
});

/** Answers "B" to every item but `failing`, which fails without a retry. */
function model(failing: string): LanguageModel {
  return {
    identity: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
    generate(request): Promise<GenerateResult> {
      const last = request.messages.at(-1)?.content ?? '';
      if (last.includes(failing)) {
        return Promise.reject(new ProviderError({ provider: 'openai', message: 'bad', isRetryable: false }));
      }
      return Promise.resolve({
        text: ' B',
        finishReason: 'stop',
        usage: { inputTokens: 3, outputTokens: 1 },
        timing: { totalMs: 1 },
        prefillApplied: true,
      });
    },
  };
}

function memoryStore(stored: ItemRecord[]): RunStore {
  return {
    completedItemKeys: () => new Set<string>(),
    getCachedResponse: () => undefined,
    recordItems: (_runId: string, records: readonly ItemRecord[]) => {
      stored.push(...records);
    },
  } as unknown as RunStore;
}

describe('runEvaluation records', () => {
  it('writes each record with its fields in the stored order, with and without a group, answered or failed', async () => {
    const stored: ItemRecord[] = [];
    const seen: ItemRecord[] = [];
    const result = await runEvaluation({
      store: memoryStore(stored),
      runId: 'r',
      model: model('fails'),
      benchmark: { id: 'mmlu' } as Benchmark,
      protocol: mmluGen5shot as never,
      items: [item('grouped', 'g'), item('plain'), item('fails', 'g')],
      concurrency: 1,
      maxRetries: 0,
      timeoutMs: 1000,
      useCache: false,
      now: () => new Date(0),
      onRecord: (record) => seen.push(record),
    });
    expect(result).toEqual({ planned: 3, completed: 2, failed: 1, cancelled: false });
    expect(stored).toEqual(seen);
    const byId = new Map(stored.map((record) => [record.itemId, record]));
    const common = ['itemId', 'sample', 'request', 'cached', 'attempts', 'cacheKey'];
    const answered = ['status', 'response', 'extracted', 'scores'];
    expect(Object.keys(byId.get('plain') ?? {})).toEqual([...common, ...answered]);
    expect(Object.keys(byId.get('grouped') ?? {})).toEqual([
      'itemId',
      'sample',
      'group',
      ...common.slice(2),
      ...answered,
    ]);
    expect(Object.keys(byId.get('fails') ?? {})).toEqual([
      'itemId',
      'sample',
      'group',
      ...common.slice(2),
      'status',
      'error',
      'extracted',
      'scores',
    ]);
    expect(byId.get('grouped')).toMatchObject({
      itemId: 'grouped',
      sample: 0,
      group: 'g',
      status: 'ok',
      cached: false,
      attempts: 1,
      extracted: 'B',
      scores: { accuracy: 1 },
    });
    expect(byId.get('fails')).toMatchObject({
      status: 'error',
      error: { name: 'ProviderError', message: 'openai: bad' },
      extracted: null,
      scores: {},
      attempts: 1,
    });
    expect(byId.get('plain')?.cacheKey).toMatch(/^[0-9a-f]{64}$/);
  });
});
