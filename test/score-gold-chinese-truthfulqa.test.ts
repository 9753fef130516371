import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getBenchmark } from '../src/benchmarks/registry.ts';
import { main } from '../src/cli/main.ts';
import { createDatasetSource } from '../src/datasets/dataset-source.ts';
import { captureIo } from './support/capture-io.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');

const sizes: Record<string, number> = { cmmlu: 11_582, ceval: 1_346, truthfulqa: 817 };

describe.skipIf(['cmmlu', 'ceval', 'truthfulqa'].some((name) => !existsSync(join(shared, name))))(
  'parity score: gold completions score 100% on CMMLU, C-Eval (validation) and TruthfulQA (skipped: ../shared/datasets/{cmmlu,ceval,truthfulqa} not present)',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-gold-cn-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));
    const source = createDatasetSource({
      dataDir: shared,
      cacheDir: join(directory, 'cache'),
      allowDownload: false,
    });

    // MC2 needs every choice's log-likelihood, which a samples file does not hold: it is checked in its own tests.
    const cases = ['cmmlu', 'ceval', 'truthfulqa'].flatMap((benchmarkId) =>
      getBenchmark(benchmarkId)
        .protocols.filter((protocol) => protocol.id !== 'truthfulqa.mc2.loglik.6shot')
        .map((protocol) => [benchmarkId, protocol.id] as const),
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
      const args = [
        'score',
        benchmarkId,
        '--protocol',
        protocolId,
        '--samples',
        samples,
        '--data-dir',
        shared,
      ];
      const code = await main([...args, '--json'], io);
      expect(io.output.stderr).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(io.output.stdout) as {
        n: number;
        metrics: Record<string, { value: number }>;
      };
      expect(report.n).toBe(sizes[benchmarkId]);
      for (const metric of protocol.metrics) {
        expect({ metric: metric.name, value: report.metrics[metric.name]?.value }).toEqual({
          metric: metric.name,
          value: 1,
        });
      }
    });
  },
);
