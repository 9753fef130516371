import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { cmmluGen0shot } from './cmmlu-gen-0shot.ts';
import { cmmluGen5shot } from './cmmlu-gen-5shot.ts';
import { cmmluLoglik5shot } from './cmmlu-loglik-5shot.ts';
import { cmmluBenchmark } from './index.ts';

// Real data lives beside the repository (../shared/datasets); these tests skip when it is not there.
const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe.skipIf(!existsSync(join(shared, 'cmmlu/data/test')))(
  'CMMLU on the real test set (skipped: ../shared/datasets/cmmlu not present)',
  () => {
    const source = createDirectorySourceForTests(shared);
    let items: Item<ChineseExamData>[] = [];
    beforeAll(async () => {
      items = await cmmluBenchmark.loadItems(source);
    });

    it('loads 11,582 items in 67 subjects, round-robin, with 5 dev examples each', async () => {
      expect(items).toHaveLength(11582);
      expect(new Set(items.map((item) => item.group)).size).toBe(67);
      expect(new Set(items.map((item) => item.id)).size).toBe(11582);
      expect(items.slice(0, 2).map((item) => item.id)).toEqual(['agronomy/0', 'anatomy/0']);
      expect(items.every((item) => item.data.devExamples.length === 5)).toBe(true);
      const limited = await cmmluBenchmark.loadItems(source, { limit: 67 });
      expect(new Set(limited.map((item) => item.group)).size).toBe(67);
    });

    it('every protocol scores its reference completion 100%, and the official answer forms too', () => {
      const failures = (score: (item: Item<ChineseExamData>) => number | null | undefined) =>
        items.filter((item) => score(item) !== 1).map((item) => item.id);
      expect({
        gen: failures(
          (item) => cmmluGen5shot.score(item, cmmluGen5shot.referenceCompletion(item)).scores.accuracy,
        ),
        gen0shot: failures(
          (item) => cmmluGen0shot.score(item, cmmluGen0shot.referenceCompletion(item)).scores.accuracy,
        ),
        genSentence: failures(
          (item) => cmmluGen5shot.score(item, `答案是：${item.data.answer}`).scores.accuracy,
        ),
        loglik: failures(
          (item) => cmmluLoglik5shot.score(item, cmmluLoglik5shot.referenceCompletion(item)).scores.accuracy,
        ),
      }).toEqual({ gen: [], gen0shot: [], genSentence: [], loglik: [] });
    });

    it('counts each category over its own subjects (test totals as upstream categories.py gives them)', () => {
      const counts: Record<string, number> = {};
      for (const item of items) {
        const scores = cmmluLoglik5shot.score(item, ` ${item.data.answer}`).scores;
        for (const key of Object.keys(scores)) counts[key] = (counts[key] ?? 0) + 1;
      }
      expect(counts).toEqual({
        accuracy: 11582,
        accuracy_stem: 2531,
        accuracy_humanities: 2489,
        accuracy_social_science: 3652,
        accuracy_other: 2910,
        accuracy_china_specific: 2572,
      });
    });

    it('builds the same bytes as lm-eval for real items (sha256 of the context its templates render)', () => {
      // Expected (printed by scripts/render-lm-eval-prompts.py): lm-evaluation-harness@4e7e0d47 tasks/cmmlu YAML rendered with jinja2 (as lm_eval/utils.py
      // `env`) and assembled as lm_eval/api/task.py fewshot_context with 5 first_n dev examples; hashed here so
      // that the non-commercial question text stays out of the repository.
      const context = (id: string) => {
        const item = items.find((candidate) => candidate.id === id);
        const request = item && cmmluLoglik5shot.buildLogLikelihoodRequest?.(item);
        return request ? { sha256: sha256(request.context), length: [...request.context].length } : undefined;
      };
      expect(context('agronomy/0')).toEqual({
        sha256: '2ae61360fcab4d417f44cb4f6c5139aa7e6ecc75bb62758adccc884ec7676d49',
        length: 346,
      });
      expect(context('college_mathematics/3')).toEqual({
        sha256: '7c232b20bf596661d135aed7406a6dd0e981a1c52bed2c186ca5b9fbfe332752',
        length: 851,
      });
    });
  },
);
