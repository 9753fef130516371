import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { humanEvalPlusBenchmark, mbppPlusBenchmark } from './index.ts';
import { readEvalPlusTasks } from './load-evalplus-items.ts';

const directory = mkdtempSync(join(tmpdir(), 'parity-evalplus-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const line = (fields: string) =>
  `{"task_id": "Mbpp/404", "prompt": "p", "entry_point": "minimum", "canonical_solution": "def minimum(a, b):\\n    return min(a, b)", ${fields}}`;

describe('readEvalPlusTasks', () => {
  it('keeps the inputs as written (Infinity, integers beyond 2^53, an empty {}) and parses the other fields', async () => {
    const file = join(directory, 'MbppPlus.jsonl.gz');
    writeFileSync(
      file,
      gzipSync(
        `${line('"atol": 0, "base_input": [[1, -Infinity]], "plus_input": [[123456789012345678901234567890, 2]]')}\n\n` +
          `${line('"atol": 1e-06, "base_input": [[1, 2]], "plus_input": {}').replace('Mbpp/404', 'Mbpp/793')}\n`,
      ),
    );
    const items = await readEvalPlusTasks('mbpp', file);
    expect(items.map((item) => item.id)).toEqual(['Mbpp/404', 'Mbpp/793']);
    expect(items[0]?.data).toEqual({
      dataset: 'mbpp',
      taskId: 'Mbpp/404',
      prompt: 'p',
      entryPoint: 'minimum',
      canonicalSolution: 'def minimum(a, b):\n    return min(a, b)',
      atol: 0,
      baseInputJson: '[[1, -Infinity]]',
      plusInputJson: '[[123456789012345678901234567890, 2]]',
    });
    expect(items[1]?.data).toMatchObject({ atol: 1e-6, plusInputJson: '{}' });
  });

  it('names file, line and field of a bad line', async () => {
    const file = join(directory, 'bad.jsonl');
    writeFileSync(
      file,
      `${line('"atol": 0, "base_input": [[1]], "plus_input": [[2]]')}\n${line('"atol": "x", "base_input": [], "plus_input": []')}\n`,
    );
    await expect(readEvalPlusTasks('mbpp', file)).rejects.toThrow(`${file}:2: field "atol"`);
    writeFileSync(file, line('"atol": 0, "base_input": 5, "plus_input": []'));
    await expect(readEvalPlusTasks('mbpp', file)).rejects.toThrow(
      `${file}:1: field "base_input": expected a list`,
    );
    writeFileSync(file, '{"task_id": ');
    await expect(readEvalPlusTasks('mbpp', file)).rejects.toThrow(`${file}:1: invalid JSON`);
  });
});

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');
describe.skipIf(!existsSync(join(shared, 'evalplus')))(
  'EvalPlus data in ../shared/datasets (skipped: folder absent)',
  () => {
    it('loads HumanEval+ (164 tasks) and MBPP+ (378 tasks) in file order, Mbpp/404 with its bare Infinity', async () => {
      const source = createDirectorySourceForTests(shared);
      const humanEval = await humanEvalPlusBenchmark.loadItems(source);
      expect(humanEval).toHaveLength(164);
      expect(humanEval[0]?.id).toBe('HumanEval/0');
      expect(humanEval[0]?.data.humanEvalTest).toContain('def check(candidate)');
      const mbpp = await mbppPlusBenchmark.loadItems(source);
      expect(mbpp).toHaveLength(378);
      expect([mbpp[0]?.id, mbpp.at(-1)?.id]).toEqual(['Mbpp/2', 'Mbpp/809']);
      expect(mbpp.find((item) => item.id === 'Mbpp/404')?.data.plusInputJson).toContain('Infinity');
      expect(await mbppPlusBenchmark.loadItems(source, { limit: 2 })).toHaveLength(2);
    });
  },
);
