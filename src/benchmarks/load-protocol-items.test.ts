import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arcBenchmark } from './arc/index.ts';
import { createDirectorySourceForTests } from './directory-source-for-tests.ts';
import { loadProtocolItems } from './load-protocol-items.ts';
import { getProtocol } from './registry.ts';

const root = mkdtempSync(join(tmpdir(), 'parity-protocol-items-'));
mkdirSync(join(root, 'arc', 'ARC-Challenge'), { recursive: true });
// Rows 0 and 2 have three choices, rows 1, 3, 4 four.
const row = (index: number, count: number) =>
  JSON.stringify({
    id: `q${index}`,
    question: {
      stem: `question ${index}`,
      choices: ['w', 'x', 'y', 'z'].slice(0, count).map((text, at) => ({ text, label: 'ABCD'[at] })),
    },
    answerKey: 'A',
  });
writeFileSync(
  join(root, 'arc', 'ARC-Challenge', 'ARC-Challenge-Test.jsonl'),
  [row(0, 3), row(1, 4), row(2, 3), row(3, 4), row(4, 4)].join('\n'),
);
const source = createDirectorySourceForTests(root);

describe('loadProtocolItems', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('drops the items a protocol leaves out before taking the limit', async () => {
    const chat = getProtocol(arcBenchmark, 'arc.chat.0shot');
    const ids = async (limit?: number) =>
      (await loadProtocolItems(arcBenchmark, chat, source, limit === undefined ? {} : { limit })).map(
        (item) => item.id,
      );
    expect(await ids()).toEqual(['q1', 'q3', 'q4']);
    expect(await ids(2)).toEqual(['q1', 'q3']);
  });

  it('takes the plain prefix for protocols that run on every item', async () => {
    const loglik = getProtocol(arcBenchmark, 'arc.loglik.0shot');
    const items = await loadProtocolItems(arcBenchmark, loglik, source, { limit: 2 });
    expect(items.map((item) => item.id)).toEqual(['q0', 'q1']);
  });
});
