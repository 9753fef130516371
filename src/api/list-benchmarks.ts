import { listBenchmarks } from '../benchmarks/registry.ts';

/** A benchmark as `benchmarks()` lists it. */
export interface BenchmarkInfo {
  readonly id: string;
  readonly defaultProtocol: string;
  readonly protocols: readonly { readonly id: string; readonly version: number }[];
}

/** The benchmarks `evaluate` can run, with their protocols (the default first). */
export function benchmarks(): BenchmarkInfo[] {
  return listBenchmarks().map((benchmark) => ({
    id: benchmark.id,
    defaultProtocol: benchmark.defaultProtocol,
    protocols: [...benchmark.protocols]
      .sort((a, b) => Number(b.id === benchmark.defaultProtocol) - Number(a.id === benchmark.defaultProtocol))
      .map((protocol) => ({ id: protocol.id, version: protocol.version })),
  }));
}
