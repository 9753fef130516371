import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { loadableBenchmarkIds, loadBenchmark } from './load-benchmark.ts';
import { getBenchmark, listBenchmarks } from './registry.ts';

describe('loadBenchmark', () => {
  it('knows exactly the registry benchmarks', () => {
    const registered = listBenchmarks().map((benchmark) => benchmark.id);
    expect([...loadableBenchmarkIds()].sort()).toEqual([...registered].sort());
  });

  it('loads the same benchmark object the registry holds, for every id', async () => {
    for (const benchmark of listBenchmarks()) {
      expect(await loadBenchmark(benchmark.id), benchmark.id).toBe(getBenchmark(benchmark.id));
    }
  });

  it('rejects an unknown id with the registry error listing the known benchmarks', async () => {
    const loaded = loadBenchmark('mmlu-pro');
    await expect(loaded).rejects.toBeInstanceOf(InputError);
    await expect(loadBenchmark('mmlu-pro')).rejects.toThrow(
      /^unknown benchmark "mmlu-pro"; known benchmarks: mmlu, gsm8k, /,
    );
    // Inherited object keys are not benchmarks.
    await expect(loadBenchmark('constructor')).rejects.toThrow(/^unknown benchmark "constructor"/);
  });
});
