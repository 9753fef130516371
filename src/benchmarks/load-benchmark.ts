import type { Benchmark } from '../spec/index.ts';

/**
 * Each benchmark's own modules, imported on demand: `parity eval --bench mmlu` compiles and runs MMLU's protocol
 * definitions (zod schemas, `defineProtocol`) and none of the other seventeen benchmarks', which cost about a
 * fifth of its start-up (docs/decisions/0320). Keyed by benchmark id; registry.test's companion test checks that
 * this list and the registry (./registry.ts, the synchronous list every other command uses) name the same objects.
 */
const loaders: Readonly<Record<string, () => Promise<Benchmark>>> = {
  mmlu: async () => (await import('./mmlu/index.ts')).mmluBenchmark,
  gsm8k: async () => (await import('./gsm8k/index.ts')).gsm8kBenchmark,
  humaneval: async () => (await import('./humaneval/index.ts')).humanEvalBenchmark,
  mbpp: async () => (await import('./mbpp/index.ts')).mbppBenchmark,
  mgsm: async () => (await import('./mgsm/index.ts')).mgsmBenchmark,
  bbh: async () => (await import('./bbh/index.ts')).bbhBenchmark,
  arc: async () => (await import('./arc/index.ts')).arcBenchmark,
  ifeval: async () => (await import('./ifeval/index.ts')).ifevalBenchmark,
  mtbench: async () => (await import('./mtbench/index.ts')).mtbenchBenchmark,
  xstest: async () => (await import('./xstest/index.ts')).xstestBenchmark,
  'humaneval.plus': async () => (await import('./evalplus/index.ts')).humanEvalPlusBenchmark,
  'mbpp.plus': async () => (await import('./evalplus/index.ts')).mbppPlusBenchmark,
  cmmlu: async () => (await import('./cmmlu/index.ts')).cmmluBenchmark,
  ceval: async () => (await import('./ceval/index.ts')).cevalBenchmark,
  truthfulqa: async () => (await import('./truthfulqa/index.ts')).truthfulqaBenchmark,
  jsonschemabench: async () => (await import('./jsonschemabench/index.ts')).jsonSchemaBenchBenchmark,
  longctx: async () => (await import('./longctx/index.ts')).longctxBenchmark,
  bfcl: async () => (await import('./bfcl/index.ts')).bfclBenchmark,
};

/**
 * The benchmark with this id, loading only its modules; the same object as the registry's `getBenchmark(id)`.
 * An unknown id loads the registry for its error (InputError listing the known benchmarks).
 */
export async function loadBenchmark(id: string): Promise<Benchmark> {
  const load = Object.hasOwn(loaders, id) ? loaders[id] : undefined;
  if (load !== undefined) return load();
  const { getBenchmark } = await import('./registry.ts');
  return getBenchmark(id);
}

/** The ids `loadBenchmark` loads without the registry, in no particular order (for the test against the registry). */
export function loadableBenchmarkIds(): readonly string[] {
  return Object.keys(loaders);
}
