import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { cevalGen0shot } from './ceval-gen-0shot.ts';
import { cevalGen5shot } from './ceval-gen-5shot.ts';
import { cevalLoglik5shot } from './ceval-loglik-5shot.ts';
import { cevalBenchmark } from './index.ts';

// Real data lives beside the repository (../shared/datasets); these tests skip when it is not there.
const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe.skipIf(!existsSync(join(shared, 'ceval/val')))(
  'C-Eval on the real validation set (skipped: ../shared/datasets/ceval not present)',
  () => {
    const source = createDirectorySourceForTests(shared);
    let items: Item<ChineseExamData>[] = [];
    beforeAll(async () => {
      items = await cevalBenchmark.loadItems(source);
    });

    it('loads 1,346 items in 52 subjects, round-robin, with 5 dev examples each', async () => {
      expect(items).toHaveLength(1346);
      expect(new Set(items.map((item) => item.group)).size).toBe(52);
      expect(new Set(items.map((item) => item.id)).size).toBe(1346);
      expect(items.slice(0, 2).map((item) => item.id)).toEqual(['accountant/0', 'advanced_mathematics/0']);
      expect(items.every((item) => item.data.devExamples.length === 5)).toBe(true);
      // A question with a line break inside its quoted field stays one item.
      expect(items.some((item) => item.data.question.includes('\n'))).toBe(true);
    });

    it('every protocol scores its reference completion 100%', () => {
      const failures = (score: (item: Item<ChineseExamData>) => number | null | undefined) =>
        items.filter((item) => score(item) !== 1).map((item) => item.id);
      expect({
        gen: failures(
          (item) => cevalGen5shot.score(item, cevalGen5shot.referenceCompletion(item)).scores.accuracy,
        ),
        genWithPeriod: failures((item) => cevalGen5shot.score(item, `${item.data.answer}.`).scores.accuracy),
        gen0shot: failures(
          (item) => cevalGen0shot.score(item, cevalGen0shot.referenceCompletion(item)).scores.accuracy,
        ),
        gen0shotSentence: failures(
          (item) => cevalGen0shot.score(item, `根据分析，答案是${item.data.answer}。`).scores.accuracy,
        ),
        loglik: failures(
          (item) => cevalLoglik5shot.score(item, cevalLoglik5shot.referenceCompletion(item)).scores.accuracy,
        ),
      }).toEqual({ gen: [], genWithPeriod: [], gen0shot: [], gen0shotSentence: [], loglik: [] });
    });

    it('counts each category over its own subjects (validation totals of subject_mapping.json; Hard: 8 subjects)', () => {
      const counts: Record<string, number> = {};
      for (const item of items) {
        for (const key of Object.keys(cevalLoglik5shot.score(item, ' A').scores)) {
          counts[key] = (counts[key] ?? 0) + 1;
        }
      }
      expect(counts).toEqual({
        accuracy: 1346,
        accuracy_stem: 430,
        accuracy_social_science: 275,
        accuracy_humanities: 257,
        accuracy_other: 384,
        accuracy_hard: 152,
      });
    });

    it('builds the same bytes as lm-eval for real items (sha256 of the context its templates render)', () => {
      // Expected (printed by scripts/render-lm-eval-prompts.py): lm-evaluation-harness@4e7e0d47 tasks/ceval YAML rendered with jinja2 (as lm_eval/utils.py
      // `env`) and assembled as lm_eval/api/task.py fewshot_context with 5 first_n dev examples; hashed here so
      // that the non-commercial question text stays out of the repository.
      const context = (id: string) => {
        const item = items.find((candidate) => candidate.id === id);
        const request = item && cevalLoglik5shot.buildLogLikelihoodRequest?.(item);
        return request ? { sha256: sha256(request.context), length: [...request.context].length } : undefined;
      };
      expect(context('computer_network/0')).toEqual({
        sha256: 'a3a131323630bb721a008294049c10995a078884aaff99c759e5fef96c377b6e',
        length: 553,
      });
      expect(context('advanced_mathematics/2')).toEqual({
        sha256: '5f18611dee41a686aaa16aa4c09e8bdbf3a618c7eb1a102918b602a3f107a892',
        length: 1584,
      });
    });
  },
);
