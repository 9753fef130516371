import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { writeSyntheticGsm8k } from './support/synthetic-datasets.ts';

const ROWS = 6;

describe('parity import keeps the completions', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-import-'));
    writeSyntheticGsm8k(join(directory, 'data'), { rows: ROWS });
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('stores each completion as the response that reports and the drill-down show, with no latency', async () => {
    const samples = join(directory, 'samples.jsonl');
    const completions = Array.from(
      { length: ROWS },
      (_, index) =>
        `She has ${index} + ${index + 1} apples. The answer is ${index % 2 === 0 ? 2 * index + 1 : 0}.`,
    );
    writeFileSync(
      samples,
      `${completions.map((completion, index) => JSON.stringify({ id: String(index), completion })).join('\n')}\n`,
    );
    const store = join(directory, 'parity.db');
    const imported = captureIo({ cwd: directory });
    const importArgs = ['import', '--bench', 'gsm8k', '--samples', samples, '--store', store];
    expect(
      await main([...importArgs, '--data-dir', join(directory, 'data')], imported),
      imported.output.stderr,
    ).toBe(0);
    const runId = imported.output.stdout.trimEnd().split('\n').at(-1) ?? '';

    const reportFile = join(directory, 'items.json');
    const report = captureIo({ cwd: directory });
    expect(
      await main(['report', runId, '--store', store, '--json', reportFile], report),
      report.output.stderr,
    ).toBe(0);
    const { items } = JSON.parse(readFileSync(reportFile, 'utf8')) as { items: Record<string, unknown>[] };
    expect(
      items.map((item) => ({ id: item.item_id, response: item.response, latency: item.latency_ms })),
    ).toEqual(
      completions.map((completion, index) => ({ id: String(index), response: completion, latency: null })),
    );
  });
});
