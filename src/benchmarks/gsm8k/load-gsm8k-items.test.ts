import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { loadGsm8kItems } from './load-gsm8k-items.ts';

function writeGsm8k(lines: readonly string[]): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'parity-gsm8k-'));
  mkdirSync(join(root, 'gsm8k'));
  const file = join(root, 'gsm8k/test.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { root, file };
}

const line = (question: string, answer: string) => JSON.stringify({ question, answer });

describe('loadGsm8kItems', () => {
  it('reads items with 0-based line ids and the gold number without commas', async () => {
    const { root } = writeGsm8k([
      line('How many?', 'Step <<2*3=6>>6\n#### 6'),
      line('How much?', 'Sum is 1,200\n#### 1,200'),
      line('Below zero?', 'It is -4\n#### -4'),
    ]);
    expect(await loadGsm8kItems(createDirectorySourceForTests(root))).toEqual([
      { id: '0', data: { question: 'How many?', answer: 'Step <<2*3=6>>6\n#### 6', target: '6' } },
      { id: '1', data: { question: 'How much?', answer: 'Sum is 1,200\n#### 1,200', target: '1200' } },
      { id: '2', data: { question: 'Below zero?', answer: 'It is -4\n#### -4', target: '-4' } },
    ]);
  });

  it('takes the first N in file order with limit', async () => {
    const { root } = writeGsm8k([line('a', '#### 1'), line('b', '#### 2'), line('c', '#### 3')]);
    const items = await loadGsm8kItems(createDirectorySourceForTests(root), { limit: 2 });
    expect(items.map((item) => item.id)).toEqual(['0', '1']);
  });

  it('names file, line and field when a row lacks a field or a gold answer', async () => {
    const missing = writeGsm8k([line('a', '#### 1'), JSON.stringify({ question: 'b' })]);
    await expect(loadGsm8kItems(createDirectorySourceForTests(missing.root))).rejects.toThrow(
      `${missing.file}:2: field "answer": `,
    );
    const noGold = writeGsm8k([line('a', 'no marker')]);
    await expect(loadGsm8kItems(createDirectorySourceForTests(noGold.root))).rejects.toThrow(
      `${noGold.file}:1: field "answer": no "#### <number>" gold answer`,
    );
  });

  it('names file and line of malformed JSON', async () => {
    const { root, file } = writeGsm8k([line('a', '#### 1'), '{"question": ']);
    await expect(loadGsm8kItems(createDirectorySourceForTests(root))).rejects.toThrow(
      `${file}:2: invalid JSON`,
    );
  });
});
