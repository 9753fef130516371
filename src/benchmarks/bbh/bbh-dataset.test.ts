import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { formatBbhCotPrompt } from './bbh-cot-3shot.ts';
import { bbhBenchmark } from './index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'bbh/cot-prompts')))(
  'BIG-Bench Hard on the real data (skipped: ../shared/datasets/bbh not present)',
  () => {
    it('loads 27 tasks, 6,511 items, and every protocol scores its reference completions 100% on every task', async () => {
      const items = await bbhBenchmark.loadItems(createDirectorySourceForTests(shared));
      expect(items).toHaveLength(6511);
      const tasks = new Set(items.map((item) => item.group));
      expect(tasks.size).toBe(27);
      expect(items.slice(0, 2).map((item) => item.id)).toEqual([
        'boolean_expressions/0',
        'causal_judgement/0',
      ]);
      for (const item of items.filter((candidate) => candidate.id.endsWith('/0'))) {
        expect(item.data.prompt.exemplars).toHaveLength(3);
        // The chain-of-thought prompt is the exemplar file byte for byte, then the question.
        const file = readFileSync(join(shared, `bbh/cot-prompts/${item.data.task}.txt`), 'utf8');
        const body = file.slice(file.indexOf('-----\n') + 6).replace(/\s+$/, '');
        expect(formatBbhCotPrompt(item.data)).toBe(
          `${body}\n\nQ: ${item.data.input}\nA: Let's think step by step.\n`,
        );
      }
      for (const protocol of bbhBenchmark.protocols) {
        const perTask = new Map<string, number>();
        for (const item of items) {
          const accuracy = protocol.score(item, protocol.referenceCompletion(item)).scores.accuracy ?? 0;
          perTask.set(item.data.task, Math.min(perTask.get(item.data.task) ?? 1, accuracy));
        }
        expect({
          protocol: protocol.id,
          tasks: perTask.size,
          below100: [...perTask].filter(([, v]) => v < 1),
        }).toEqual({
          protocol: protocol.id,
          tasks: 27,
          below100: [],
        });
      }
    });
  },
);
