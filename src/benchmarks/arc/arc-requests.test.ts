import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { serializeRequests, serializeScores, sha256 } from '../protocol-fingerprint-for-tests.ts';
import type { ArcData } from './arc-data.ts';
import { arcBenchmark } from './index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

const protocol = (id: string) => {
  const found = arcBenchmark.protocols.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no protocol ${id}`);
  return found;
};

/**
 * sha256 of every item's serialized requests and scores, recorded from the hand-written protocols before they
 * became definitions (docs/decisions/0205-benchmark-definitions.md): the definitions must send the same bytes.
 */
const recorded: Record<string, { requests: string; scores: string }> = {
  'arc.chat.0shot': {
    requests: 'd54d48444a832fae3f82138b4840dcc3b7117e983c29f6205bc58f23de01310a',
    scores: 'c575ec519661eaae4290fcf4d8eb4e82dd82138dc3eb4f3adfe99abaa5b3b91a',
  },
  'arc.loglik.0shot': {
    requests: '1873ec4657363fc3bd70f807f95e1e7d8fcb3572b1c50195d0225bcdfdc456d7',
    scores: '0cf80ceb05ff3f8bf4f062792519761dea9ec23259006a4c6085b592e170bb6b',
  },
  'arc.parity.cot.0shot': {
    requests: 'e99117421b0ee31992a6f950ef1f0377691c233cc3627653add9a94280525731',
    scores: 'b125de5146b2b034e61efca18abaa3226fada436dcca2efed433024ab56b21f3',
  },
};

describe.skipIf(!existsSync(join(shared, 'arc/ARC-Challenge/ARC-Challenge-Test.jsonl')))(
  'ARC requests on the real test set (skipped: ../shared/datasets/arc not present)',
  () => {
    it('every protocol sends byte-identical requests and gives identical scores for all 1,172 items', async () => {
      const items = await arcBenchmark.loadItems(createDirectorySourceForTests(shared));
      const actual = Object.fromEntries(
        arcBenchmark.protocols.map((candidate) => [
          candidate.id,
          {
            requests: sha256(serializeRequests(candidate, items)),
            scores: sha256(serializeScores(candidate, items)),
          },
        ]),
      );
      expect(actual).toEqual(recorded);
    });
  },
);

const threeChoices: Item<ArcData> = {
  id: 'Mercury_7175875',
  data: {
    question:
      'An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?',
    choices: [
      { letter: 'A', text: 'Planetary density will decrease.' },
      { letter: 'B', text: 'Planetary years will become longer.' },
      { letter: 'C', text: 'Planetary days will become shorter.' },
    ],
    answer: 'C',
  },
};

const fiveChoices: Item<ArcData> = {
  id: 'synthetic-five',
  data: {
    question: 'Which one is "quoted" {{not a variable}} and $1?\n',
    choices: [
      { letter: 'A', text: 'one' },
      { letter: 'B', text: 'two {{question}}' },
      { letter: 'C', text: 'three' },
      { letter: 'D', text: 'four' },
      { letter: 'E', text: 'fünf 😀' },
    ],
    answer: 'E',
  },
};

const fourChoices: Item<ArcData> = {
  id: 'NYSEDREGENTS_2008_8_34',
  data: {
    question: 'Which process moves water? ',
    choices: [
      { letter: 'A', text: 'condensation' },
      { letter: 'B', text: 'evaporation' },
      { letter: 'C', text: 'runoff' },
      { letter: 'D', text: 'precipitation' },
    ],
    answer: 'B',
  },
};

/** The lines `serializeRequests` writes, from the expected values written out below (key order included). */
const lines = (entries: readonly unknown[]) => entries.map((entry) => JSON.stringify(entry)).join('\n');

const synthetic = [fourChoices, threeChoices, fiveChoices];

describe('ARC requests written out in full (synthetic items)', () => {
  it('arc.chat.0shot', () => {
    expect(serializeRequests(protocol('arc.chat.0shot'), synthetic)).toBe(
      lines([
        {
          id: 'NYSEDREGENTS_2008_8_34',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\nQuestion: Which process moves water? \nA. condensation\nB. evaporation\nC. runoff\nD. precipitation\nYour response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 100,
            },
            assistantPrefix: 'The best answer is',
          },
          logLikelihood: null,
          included: true,
          reference: ' B.',
        },
        {
          id: 'Mercury_7175875',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\nQuestion: An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?\nA. Planetary density will decrease.\nB. Planetary years will become longer.\nC. Planetary days will become shorter.\nD. \nYour response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 100,
            },
            assistantPrefix: 'The best answer is',
          },
          logLikelihood: null,
          included: false,
          reference: ' C.',
        },
        {
          id: 'synthetic-five',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  'Given the following question and four candidate answers (A, B, C and D), choose the best answer.\nQuestion: Which one is "quoted" {{not a variable}} and $1?\n\nA. one\nB. two {{question}}\nC. three\nD. four\nYour response should end with "The best answer is [the_answer_letter]" where the [the_answer_letter] is one of A, B, C or D.',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 100,
            },
            assistantPrefix: 'The best answer is',
          },
          logLikelihood: null,
          included: false,
          reference: ' E.',
        },
      ]),
    );
  });

  it('arc.parity.cot.0shot', () => {
    expect(serializeRequests(protocol('arc.parity.cot.0shot'), synthetic)).toBe(
      lines([
        {
          id: 'NYSEDREGENTS_2008_8_34',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD. Think step by step before answering.\n\nWhich process moves water? \n\nA) condensation\nB) evaporation\nC) runoff\nD) precipitation",
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 1024,
            },
          },
          logLikelihood: null,
          included: null,
          reference: "Let's think step by step.\n\nAnswer: B",
        },
        {
          id: 'Mercury_7175875',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABC. Think step by step before answering.\n\nAn astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?\n\nA) Planetary density will decrease.\nB) Planetary years will become longer.\nC) Planetary days will become shorter.",
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 1024,
            },
          },
          logLikelihood: null,
          included: null,
          reference: "Let's think step by step.\n\nAnswer: C",
        },
        {
          id: 'synthetic-five',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  'Answer the following multiple choice question. The last line of your response should be of the following format: \'Answer: $LETTER\' (without quotes) where LETTER is one of ABCDE. Think step by step before answering.\n\nWhich one is "quoted" {{not a variable}} and $1?\n\n\nA) one\nB) two {{question}}\nC) three\nD) four\nE) fünf 😀',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 1024,
            },
          },
          logLikelihood: null,
          included: null,
          reference: "Let's think step by step.\n\nAnswer: E",
        },
      ]),
    );
  });

  it('arc.loglik.0shot', () => {
    expect(serializeRequests(protocol('arc.loglik.0shot'), synthetic)).toBe(
      lines([
        {
          id: 'NYSEDREGENTS_2008_8_34',
          request: {
            messages: [
              {
                role: 'user',
                content: 'Question: Which process moves water? \nAnswer:',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 1,
            },
          },
          logLikelihood: {
            context: 'Question: Which process moves water? \nAnswer:',
            continuations: [' condensation', ' evaporation', ' runoff', ' precipitation'],
          },
          included: null,
          reference: ' evaporation',
        },
        {
          id: 'Mercury_7175875',
          request: {
            messages: [
              {
                role: 'user',
                content:
                  'Question: An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?\nAnswer:',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 1,
            },
          },
          logLikelihood: {
            context:
              'Question: An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect of this increase in rotation?\nAnswer:',
            continuations: [
              ' Planetary density will decrease.',
              ' Planetary years will become longer.',
              ' Planetary days will become shorter.',
            ],
          },
          included: null,
          reference: ' Planetary days will become shorter.',
        },
        {
          id: 'synthetic-five',
          request: {
            messages: [
              {
                role: 'user',
                content: 'Question: Which one is "quoted" {{not a variable}} and $1?\n\nAnswer:',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 1,
            },
          },
          logLikelihood: {
            context: 'Question: Which one is "quoted" {{not a variable}} and $1?\n\nAnswer:',
            continuations: [' one', ' two {{question}}', ' three', ' four', ' fünf 😀'],
          },
          included: null,
          reference: ' fünf 😀',
        },
      ]),
    );
  });

  it('scores of the reference and probe replies, every protocol', () => {
    expect(
      arcBenchmark.protocols.map((candidate) => [
        candidate.id,
        sha256(serializeScores(candidate, synthetic)),
      ]),
    ).toEqual([
      ['arc.chat.0shot', '5ebfd8665881cfd6205e969d4989c8c49f537572d05e81170d4fbfd0c0a939ed'],
      ['arc.loglik.0shot', '2131ab7e1d382cfac8e2c0f3ccc5cd6057bd7837c1e3f00cecf22b53ab83b99b'],
      ['arc.parity.cot.0shot', 'def25fb627c5926c3e34ab5fd0668feefa80dda90b82216272b67cb128774725'],
    ]);
  });
});
