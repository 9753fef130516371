import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Benchmark } from '../spec/index.ts';
import { createDirectorySourceForTests } from './directory-source-for-tests.ts';
import { mmluBenchmark } from './mmlu/index.ts';
import { serializeRequests, serializeScores, sha256 } from './protocol-fingerprint-for-tests.ts';
import { truthfulqaBenchmark } from './truthfulqa/index.ts';

const shared = resolve(import.meta.dirname, '../../../shared/datasets');

/**
 * The other protocols that use simple-evals' multiple-choice template: sha256 of every item's serialized requests
 * and scores, recorded before the template and extraction were written once (src/benchmarks/definition/).
 */
async function fingerprints(benchmark: Benchmark, ids: readonly string[]) {
  const items = await benchmark.loadItems(createDirectorySourceForTests(shared));
  return Object.fromEntries(
    benchmark.protocols
      .filter((protocol) => ids.includes(protocol.id))
      .map((protocol) => [
        protocol.id,
        {
          requests: sha256(serializeRequests(protocol, items)),
          scores: sha256(serializeScores(protocol, items)),
        },
      ]),
  );
}

describe.skipIf(!existsSync(join(shared, 'mmlu/data/test')))(
  'MMLU chain-of-thought requests on the real data (skipped: ../shared/datasets/mmlu not present)',
  () => {
    it('mmlu.cot.0shot and its greedy variant send the same bytes as before for all 14,042 items', async () => {
      expect(await fingerprints(mmluBenchmark, ['mmlu.cot.0shot', 'mmlu.cot.0shot.greedy'])).toEqual({
        'mmlu.cot.0shot': {
          requests: '4358bc91bbcfb22a70cf6959b1c212d3f523c7c045cdf5a2090d07b7a3643d32',
          scores: '7670bd45bd3a35bbbe25f704335f2ce3c99228359b867cd90e19e7f71ebeac72',
        },
        'mmlu.cot.0shot.greedy': {
          requests: 'da7c43499e5766db6d8df030ef12a803531de0ba6a67c26b0e99ac76d3b33f49',
          scores: '7670bd45bd3a35bbbe25f704335f2ce3c99228359b867cd90e19e7f71ebeac72',
        },
      });
    });
  },
);

describe.skipIf(!existsSync(join(shared, 'truthfulqa/data/v0/mc_task.json')))(
  'TruthfulQA MC1 chat requests on the real data (skipped: ../shared/datasets/truthfulqa not present)',
  () => {
    it('truthfulqa.mc1.parity.cot.0shot sends the same bytes as before for all 817 items', async () => {
      expect(await fingerprints(truthfulqaBenchmark, ['truthfulqa.mc1.parity.cot.0shot'])).toEqual({
        'truthfulqa.mc1.parity.cot.0shot': {
          requests: '7c155dd8ca0d487971568a46352d2c2cce792b72cef72c24c44d4ceac605c05a',
          scores: '67c3bf4e87f823e48b9155b5ac4160ff2c67965951ce66c5e90b3a35ff3ed5d3',
        },
      });
    });
  },
);
