import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeScores } from '../../evaluation/summarize-scores.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { ifeval0shot } from './ifeval-0shot.ts';
import { ifevalBenchmark } from './index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'ifeval/input_data.jsonl')))(
  'IFEval on the real prompts (skipped: ../shared/datasets/ifeval not present)',
  () => {
    it('loads 541 prompts with 834 instructions of 25 types and scores them at prompt and instruction level', async () => {
      const items = await ifevalBenchmark.loadItems(createDirectorySourceForTests(shared));
      expect(items).toHaveLength(541);
      expect(items[0]?.id).toBe('1000');
      const instructions = items.flatMap((item) => item.data.instructions);
      expect(instructions).toHaveLength(834);
      expect(new Set(instructions.map((instruction) => instruction.id)).size).toBe(25);
      // Answering every prompt with the prompt itself: some instructions hold, most prompts fail.
      const scored = items.map((item) => ({
        itemId: item.id,
        scores: ifeval0shot.score(item, item.data.prompt).scores,
      }));
      const summary = summarizeScores(scored, ifeval0shot.metrics);
      expect(Object.keys(summary.metrics)).toEqual([
        'prompt_strict',
        'instruction_strict',
        'prompt_loose',
        'instruction_loose',
      ]);
      expect(summary.metrics.instruction_strict?.n).toBe(834);
      expect(summary.metrics.prompt_strict?.n).toBe(541);
      expect(Object.keys(summary.groups)).toHaveLength(25);
      expect(summary.groups['punctuation:no_comma']?.instruction_strict?.n).toBe(66);
      const strict = summary.metrics.instruction_strict?.value ?? 0;
      expect(strict).toBeGreaterThan(0);
      expect(summary.metrics.instruction_loose?.value ?? 0).toBeGreaterThanOrEqual(strict);
    });
  },
);
