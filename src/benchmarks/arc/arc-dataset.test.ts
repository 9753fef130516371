import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { arcBenchmark } from './index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'arc/ARC-Challenge/ARC-Challenge-Test.jsonl')))(
  'ARC-Challenge on the real test set (skipped: ../shared/datasets/arc not present)',
  () => {
    it('loads 1,172 items; every protocol scores every reference completion 100% on every metric', async () => {
      const items = await arcBenchmark.loadItems(createDirectorySourceForTests(shared));
      expect(items).toHaveLength(1172);
      expect(new Set(items.map((item) => item.id)).size).toBe(1172);
      const numeric = items.find((item) => item.id === 'NYSEDREGENTS_2008_8_34');
      expect(numeric?.data.choices.map((choice) => choice.letter)).toEqual(['A', 'B', 'C', 'D']);
      for (const protocol of arcBenchmark.protocols) {
        const included = items.filter((item) => protocol.includesItem?.(item) ?? true);
        const wrong = included.filter((item) => {
          const { scores } = protocol.score(item, protocol.referenceCompletion(item));
          return protocol.metrics.some((metric) => scores[metric.itemScore] !== 1);
        });
        expect({ protocol: protocol.id, wrong: wrong.map((item) => item.id) }).toEqual({
          protocol: protocol.id,
          wrong: [],
        });
      }
      // Meta's / lm-eval arc_challenge_llama: four-choice questions only.
      const chat = arcBenchmark.protocols.find((protocol) => protocol.id === 'arc.chat.0shot');
      expect(items.filter((item) => chat?.includesItem?.(item) ?? true)).toHaveLength(1165);
    });
  },
);
