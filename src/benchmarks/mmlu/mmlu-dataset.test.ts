import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { mmluBenchmark } from './index.ts';
import type { MmluData } from './index.ts';
import { mmluCot0shot } from './mmlu-cot-0shot.ts';
import { mmluGen5shot } from './mmlu-gen-5shot.ts';

// Real data lives beside the repository (../shared/datasets); these tests skip when it is not there.
const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'mmlu/data/test')))(
  'MMLU on the real test set (skipped: ../shared/datasets/mmlu not present)',
  () => {
    const source = createDirectorySourceForTests(shared);
    let items: Item<MmluData>[] = [];
    beforeAll(async () => {
      items = await mmluBenchmark.loadItems(source);
    });

    it('loads 14,042 items in 57 subjects, round-robin, with 5 dev examples each', async () => {
      expect(items).toHaveLength(14042);
      expect(new Set(items.map((item) => item.group)).size).toBe(57);
      expect(new Set(items.map((item) => item.id)).size).toBe(14042);
      expect(items.slice(0, 2).map((item) => item.id)).toEqual(['abstract_algebra/0', 'anatomy/0']);
      expect(items.every((item) => item.data.devExamples.length === 5)).toBe(true);
      const limited = await mmluBenchmark.loadItems(source, { limit: 57 });
      expect(new Set(limited.map((item) => item.group)).size).toBe(57);
    });

    it('every protocol scores its reference completion 100%; gen.5shot in both reply forms', () => {
      const failures = (score: (item: Item<MmluData>) => number | null | undefined) =>
        items.filter((item) => score(item) !== 1).map((item) => item.id);
      expect({
        genPrefilled: failures(
          (item) =>
            mmluGen5shot.score(item, mmluGen5shot.referenceCompletion(item), { prefillApplied: true }).scores
              .accuracy,
        ),
        genFullReply: failures(
          (item) =>
            mmluGen5shot.score(item, `The best answer is ${item.data.answer}.`, { prefillApplied: false })
              .scores.accuracy,
        ),
        genBareLetter: failures(
          (item) => mmluGen5shot.score(item, item.data.answer, { prefillApplied: false }).scores.accuracy,
        ),
        cot: failures(
          (item) => mmluCot0shot.score(item, mmluCot0shot.referenceCompletion(item)).scores.accuracy,
        ),
      }).toEqual({ genPrefilled: [], genFullReply: [], genBareLetter: [], cot: [] });
    });
  },
);
