import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getBenchmark } from '../src/benchmarks/registry.ts';
import { main } from '../src/cli/main.ts';
import { createDatasetSource } from '../src/datasets/dataset-source.ts';
import { captureIo } from './support/capture-io.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');

describe.skipIf(!existsSync(join(shared, 'mmlu')) || !existsSync(join(shared, 'gsm8k')))(
  'parity score: completions written from the gold answers score 100% on the whole test sets (skipped: ../shared/datasets not present)',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-gold-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));
    const source = createDatasetSource({
      dataDir: shared,
      cacheDir: join(directory, 'cache'),
      allowDownload: false,
    });

    const cases = ['mmlu', 'gsm8k'].flatMap((benchmarkId) =>
      getBenchmark(benchmarkId).protocols.map((protocol) => [benchmarkId, protocol.id] as const),
    );

    it.each(cases)('%s %s', async (benchmarkId, protocolId) => {
      const benchmark = getBenchmark(benchmarkId);
      const protocol = benchmark.protocols.find((candidate) => candidate.id === protocolId);
      if (!protocol) throw new Error(`no protocol ${protocolId}`);
      const items = await benchmark.loadItems(source);
      const samples = join(directory, `${protocolId}.jsonl`);
      writeFileSync(
        samples,
        items
          .map((item) => JSON.stringify({ id: item.id, completion: protocol.referenceCompletion(item) }))
          .join('\n'),
      );
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'score',
          benchmarkId,
          '--protocol',
          protocolId,
          '--samples',
          samples,
          '--data-dir',
          shared,
          '--json',
        ],
        io,
      );
      expect(io.output.stderr).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(io.output.stdout) as {
        n: number;
        metrics: Record<string, { value: number; n: number }>;
      };
      expect(report.n).toBe(benchmarkId === 'mmlu' ? 14_042 : 1_319);
      for (const metric of protocol.metrics) {
        expect({ metric: metric.name, value: report.metrics[metric.name]?.value }).toEqual({
          metric: metric.name,
          value: 1,
        });
      }
    });
  },
);
