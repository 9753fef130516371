import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { gsm8kBenchmark } from './index.ts';

// Real data lives beside the repository (../shared/datasets); these tests skip when it is not there.
const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'gsm8k/test.jsonl')))(
  'GSM8K on the real test set (skipped: ../shared/datasets/gsm8k not present)',
  () => {
    const source = createDirectorySourceForTests(shared);

    it('loads 1,319 items and every protocol scores its reference completion 100%', async () => {
      const items = await gsm8kBenchmark.loadItems(source);
      expect(items).toHaveLength(1319);
      for (const protocol of gsm8kBenchmark.protocols) {
        const wrong = items.filter((item) => {
          const { scores } = protocol.score(item, protocol.referenceCompletion(item));
          return scores.accuracy_flexible !== 1 || scores.accuracy_strict !== 1;
        });
        expect({ protocol: protocol.id, wrong: wrong.map((item) => item.id) }).toEqual({
          protocol: protocol.id,
          wrong: [],
        });
      }
    });

    it('agrees with every is_correct flag of the GPT-3 example solutions on accuracy_flexible', async () => {
      const items = await gsm8kBenchmark.loadItems(source);
      const protocol = gsm8kBenchmark.protocols.find((candidate) => candidate.id === 'gsm8k.cot.8shot');
      if (protocol === undefined) throw new Error('gsm8k.cot.8shot missing');
      const lines = readFileSync(join(shared, 'gsm8k/example_model_solutions.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, { solution: string; is_correct: boolean }>);
      expect(lines).toHaveLength(items.length);
      const systems = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'];
      const summary = systems.map((system) => {
        let correct = 0;
        const disagreements: string[] = [];
        lines.forEach((line, index) => {
          const item = items[index];
          const sample = line[system];
          if (item === undefined || sample === undefined) throw new Error(`missing row ${index}`);
          const score = protocol.score(item, sample.solution).scores.accuracy_flexible;
          correct += score ?? 0;
          if ((score === 1) !== sample.is_correct) disagreements.push(item.id);
        });
        return { system, accuracyPercent: Math.round((correct / items.length) * 10000) / 100, disagreements };
      });
      expect(summary).toEqual([
        { system: '6b_finetuning', accuracyPercent: 21.68, disagreements: [] },
        { system: '6b_verification', accuracyPercent: 39.04, disagreements: [] },
        { system: '175b_finetuning', accuracyPercent: 34.72, disagreements: [] },
        { system: '175b_verification', accuracyPercent: 56.25, disagreements: [] },
      ]);
    });
  },
);
