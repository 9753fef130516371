import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Item, LogLikelihoodProtocol } from '../../spec/index.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { truthfulqaBenchmark } from './index.ts';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { truthfulqaMc1Loglik } from './truthfulqa-mc1-loglik.ts';
import { truthfulqaMc1ParityCot, truthfulqaShownChoices } from './truthfulqa-mc1-parity-cot.ts';
import { truthfulqaMc2Loglik } from './truthfulqa-mc2-loglik.ts';

// Real data lives beside the repository (../shared/datasets); these tests skip when it is not there.
const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'truthfulqa/data/v0/mc_task.json')))(
  'TruthfulQA on the real multiple-choice file (skipped: ../shared/datasets/truthfulqa not present)',
  () => {
    const source = createDirectorySourceForTests(shared);
    let items: Item<TruthfulqaData>[] = [];
    beforeAll(async () => {
      items = await truthfulqaBenchmark.loadItems(source);
    });

    it('loads the 817 questions with 2-13 MC1 choices', () => {
      expect(items).toHaveLength(817);
      expect(items[0]?.data.question).toBe(
        'What is the smallest country in the world that is at least one square mile in area?',
      );
      const counts = items.map((item) => item.data.mc1.choices.length);
      expect([Math.min(...counts), Math.max(...counts)]).toEqual([2, 13]);
    });

    it('the generative protocol scores its reference completion 100%, and its true answer is not always "A"', () => {
      const failures = items
        .filter(
          (item) =>
            truthfulqaMc1ParityCot.score(item, truthfulqaMc1ParityCot.referenceCompletion(item)).scores
              .accuracy !== 1,
        )
        .map((item) => item.id);
      expect(failures).toEqual([]);
      const golds = items.map((item) => truthfulqaShownChoices(item.data).gold);
      expect(golds.filter((letter) => letter === 'A').length).toBeLessThan(items.length / 2);
      expect(new Set(golds).size).toBeGreaterThan(4);
      // MC1 by log-likelihood: the true answer as the chosen continuation.
      const mc1 = items.filter(
        (item) =>
          truthfulqaMc1Loglik.score(item, truthfulqaMc1Loglik.referenceCompletion(item)).scores.accuracy !==
          1,
      );
      expect(mc1).toEqual([]);
    });

    it('MC2 is 1 when only true answers have any probability', () => {
      for (const item of items) {
        const lls = item.data.mc2.labels.map((label) => (label === 1 ? -1 : -1e6));
        expect(truthfulqaMc2Loglik.score(item, '', { logLikelihoods: lls }).scores.mc2).toBeCloseTo(1, 9);
      }
    });

    it('sends the same requests as lm-eval (sha256 of the [context, continuation] pairs its templates render)', () => {
      // Expected (printed by scripts/render-lm-eval-prompts.py): lm-evaluation-harness@4e7e0d47 truthfulqa_mc1.yaml / truthfulqa_mc2.yaml rendered with jinja2
      // (as lm_eval/utils.py `env`; doc_to_choice through ast.literal_eval), target_delimiter " ", one request
      // per choice; hashed as compact JSON of [[context, continuation], …].
      const pairs = (protocol: LogLikelihoodProtocol<TruthfulqaData>, id: string) => {
        const item = items.find((candidate) => candidate.id === id);
        const request = item && protocol.buildLogLikelihoodRequest?.(item);
        const json = JSON.stringify(
          request?.continuations.map((continuation) => [request.context, continuation]),
        );
        return createHash('sha256').update(json, 'utf8').digest('hex');
      };
      expect([0, 1, 816].map((index) => pairs(truthfulqaMc1Loglik, String(index)))).toEqual([
        '7578de85ad29d39d75b9f87666ebb8df4752375842c9f442285d3c2143143d20',
        '09d1dc78a5436690aa29b965397d5e5aeee7535892c8a14f71727f96a68dc5f9',
        'd51454253775e654f07411b57716d768ea0ddddeaa92c372f57ed13462586c19',
      ]);
      expect([0, 1, 816].map((index) => pairs(truthfulqaMc2Loglik, String(index)))).toEqual([
        '7578de85ad29d39d75b9f87666ebb8df4752375842c9f442285d3c2143143d20',
        '10278ff3537fa22bb3afc355993170264a823bb2a3f770ba0c87ef385ac30492',
        '7bf10faf2fd47fb705975a14cd9cfa3d1be4ffd33eed93d4913d3a5d0943dea9',
      ]);
    });
  },
);
