import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { serializeRequests, serializeScores, sha256 } from '../protocol-fingerprint-for-tests.ts';
import { mgsmBenchmark } from './index.ts';
import type { MgsmData } from './mgsm-data.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

const protocol = (id: string) => {
  const found = mgsmBenchmark.protocols.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no protocol ${id}`);
  return found;
};

/**
 * sha256 of every item's serialized requests and scores, recorded from the hand-written protocols before they
 * became definitions (docs/decisions/0205-benchmark-definitions.md): the definitions must send the same bytes.
 */
const recorded: Record<string, { requests: string; scores: string }> = {
  'mgsm.cot.0shot': {
    requests: '6b423bb537dba45a9612f34300cbaa4a6fc840f7267dccec7c8412c6472c4e5d',
    scores: '3b25e851c9e9b48040393d2b0a400e49c2e08b7910c9c769ea4c7fe3cc43c6b8',
  },
  'mgsm.cot.0shot.greedy': {
    requests: '8fa7fcccec1092739ac98a4a0785b85cbd59427f04175695879d04549fb37120',
    scores: '3b25e851c9e9b48040393d2b0a400e49c2e08b7910c9c769ea4c7fe3cc43c6b8',
  },
};

describe.skipIf(!existsSync(join(shared, 'mgsm/mgsm_en.tsv')))(
  'MGSM requests on the real data (skipped: ../shared/datasets/mgsm not present)',
  () => {
    it('every protocol sends byte-identical requests and gives identical scores for all 2,750 items', async () => {
      const items = await mgsmBenchmark.loadItems(createDirectorySourceForTests(shared));
      const actual = Object.fromEntries(
        mgsmBenchmark.protocols.map((candidate) => [
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

const english: Item<MgsmData> = {
  id: 'en/0',
  group: 'en',
  data: {
    language: 'en',
    question: 'Janet has 3 ducks and $2. How many {{legs}} in total? $1 {input}',
    answer: '1,000',
  },
};

const chinese: Item<MgsmData> = {
  id: 'zh/7',
  group: 'zh',
  data: { language: 'zh', question: '珍妮有 3 只鸭子。一共有几条腿？', answer: '6' },
};

const telugu: Item<MgsmData> = {
  id: 'te/249',
  group: 'te',
  data: { language: 'te', question: "ఒక ప్రశ్న 'సమాధానం:'\n", answer: '18' },
};

/** The lines `serializeRequests` writes, from the expected values written out below (key order included). */
const lines = (entries: readonly unknown[]) => entries.map((entry) => JSON.stringify(entry)).join('\n');

const synthetic = [english, chinese, telugu];

describe('MGSM requests written out in full (synthetic items)', () => {
  it('mgsm.cot.0shot', () => {
    expect(serializeRequests(protocol('mgsm.cot.0shot'), synthetic)).toBe(
      lines([
        {
          id: 'en/0',
          request: {
            messages: [
              {
                role: 'system',
                content: 'You are a helpful assistant.',
              },
              {
                role: 'user',
                content:
                  'Solve this math problem. Give the reasoning steps before giving the final answer on the last line by itself in the format of "Answer:". Do not add anything other than the integer answer after "Answer:".\n\nJanet has 3 ducks and $2. How many {{legs}} in total? $1 {input}',
              },
            ],
            parameters: {
              temperature: 0.5,
              maxTokens: 2048,
            },
          },
          logLikelihood: null,
          included: null,
          reference: '1 + 1 = 2.\nAnswer: 1,000',
        },
        {
          id: 'zh/7',
          request: {
            messages: [
              {
                role: 'system',
                content: 'You are a helpful assistant.',
              },
              {
                role: 'user',
                content:
                  '解决这个数学问题。在最后一行给出答案前，请提供推理步骤。最后一行应该以 "答案: " 的形式独立给出答案。在 "答案：" 后不要添加除整数答案之外的任何内容。\n\n珍妮有 3 只鸭子。一共有几条腿？',
              },
            ],
            parameters: {
              temperature: 0.5,
              maxTokens: 2048,
            },
          },
          logLikelihood: null,
          included: null,
          reference: '1 + 1 = 2.\n答案: 6',
        },
        {
          id: 'te/249',
          request: {
            messages: [
              {
                role: 'system',
                content: 'You are a helpful assistant.',
              },
              {
                role: 'user',
                content:
                  "ఈ గణిత సమస్యను పరిష్కరించండి. చివరి సమాధానాన్ని ఇవ్వదానికి ముందు తర్కాత్మక అదుగులను ఇవ్వండి. చివరి పంక్తిలో మాత్రమే 'సమాధానం:' అనే ఆకారంలో చివరి సమాధానాద్ని ఇవ్వండి సమాధానం: తర్వాత పూర్ణాంక సమాధానానికి తప్పించి ఎదేనా చేర్చవద్దు.\n\nఒక ప్రశ్న 'సమాధానం:'\n",
              },
            ],
            parameters: {
              temperature: 0.5,
              maxTokens: 2048,
            },
          },
          logLikelihood: null,
          included: null,
          reference: '1 + 1 = 2.\nసమాధానం: 18',
        },
      ]),
    );
  });

  it('mgsm.cot.0shot.greedy', () => {
    expect(serializeRequests(protocol('mgsm.cot.0shot.greedy'), synthetic)).toBe(
      lines([
        {
          id: 'en/0',
          request: {
            messages: [
              {
                role: 'system',
                content: 'You are a helpful assistant.',
              },
              {
                role: 'user',
                content:
                  'Solve this math problem. Give the reasoning steps before giving the final answer on the last line by itself in the format of "Answer:". Do not add anything other than the integer answer after "Answer:".\n\nJanet has 3 ducks and $2. How many {{legs}} in total? $1 {input}',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 2048,
            },
          },
          logLikelihood: null,
          included: null,
          reference: '1 + 1 = 2.\nAnswer: 1,000',
        },
        {
          id: 'zh/7',
          request: {
            messages: [
              {
                role: 'system',
                content: 'You are a helpful assistant.',
              },
              {
                role: 'user',
                content:
                  '解决这个数学问题。在最后一行给出答案前，请提供推理步骤。最后一行应该以 "答案: " 的形式独立给出答案。在 "答案：" 后不要添加除整数答案之外的任何内容。\n\n珍妮有 3 只鸭子。一共有几条腿？',
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 2048,
            },
          },
          logLikelihood: null,
          included: null,
          reference: '1 + 1 = 2.\n答案: 6',
        },
        {
          id: 'te/249',
          request: {
            messages: [
              {
                role: 'system',
                content: 'You are a helpful assistant.',
              },
              {
                role: 'user',
                content:
                  "ఈ గణిత సమస్యను పరిష్కరించండి. చివరి సమాధానాన్ని ఇవ్వదానికి ముందు తర్కాత్మక అదుగులను ఇవ్వండి. చివరి పంక్తిలో మాత్రమే 'సమాధానం:' అనే ఆకారంలో చివరి సమాధానాద్ని ఇవ్వండి సమాధానం: తర్వాత పూర్ణాంక సమాధానానికి తప్పించి ఎదేనా చేర్చవద్దు.\n\nఒక ప్రశ్న 'సమాధానం:'\n",
              },
            ],
            parameters: {
              temperature: 0,
              maxTokens: 2048,
            },
          },
          logLikelihood: null,
          included: null,
          reference: '1 + 1 = 2.\nసమాధానం: 18',
        },
      ]),
    );
  });

  it('scores of the reference and probe replies, every protocol', () => {
    expect(
      mgsmBenchmark.protocols.map((candidate) => [
        candidate.id,
        sha256(serializeScores(candidate, synthetic)),
      ]),
    ).toEqual([
      ['mgsm.cot.0shot', 'ce653ec0762c7ee97adbf58c330356c063b7c293dd8204c70f760d67fdce00da'],
      ['mgsm.cot.0shot.greedy', 'ce653ec0762c7ee97adbf58c330356c063b7c293dd8204c70f760d67fdce00da'],
    ]);
  });
});
