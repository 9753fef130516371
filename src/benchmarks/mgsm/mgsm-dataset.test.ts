import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { mgsmBenchmark } from './index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'mgsm/mgsm_en.tsv')))(
  'MGSM on the real data (skipped: ../shared/datasets/mgsm not present)',
  () => {
    it('loads 11 × 250 items and scores the reference completions 100% in every language', async () => {
      const items = await mgsmBenchmark.loadItems(createDirectorySourceForTests(shared));
      expect(items).toHaveLength(2750);
      expect(items.slice(0, 3).map((item) => item.id)).toEqual(['bn/0', 'de/0', 'en/0']);
      expect(items.filter((item) => item.data.answer.includes(',')).length).toBe(44);
      for (const protocol of mgsmBenchmark.protocols) {
        const perLanguage = new Map<string, { n: number; correct: number }>();
        for (const item of items) {
          const entry = perLanguage.get(item.group ?? '') ?? { n: 0, correct: 0 };
          entry.n += 1;
          entry.correct += protocol.score(item, protocol.referenceCompletion(item)).scores.accuracy ?? 0;
          perLanguage.set(item.group ?? '', entry);
        }
        expect(Object.fromEntries(perLanguage)).toEqual(
          Object.fromEntries(
            ['bn', 'de', 'en', 'es', 'fr', 'ja', 'ru', 'sw', 'te', 'th', 'zh'].map((language) => [
              language,
              { n: 250, correct: 250 },
            ]),
          ),
        );
      }
    });
  },
);
