import type { DatasetManifest } from '../datasets/dataset-manifest.ts';

/**
 * Each benchmark's pinned download, imported on demand and keyed like `datasetManifests`
 * (./dataset-manifests.ts) by the folder name of the benchmark's files: a command that reads MMLU's files compiles
 * MMLU's manifest, not jsonschemabench's 4,194 pinned files (docs/decisions/0320). The test beside this file checks
 * that both name the same manifests.
 */
const loaders: Readonly<Record<string, () => Promise<DatasetManifest>>> = {
  gsm8k: async () => (await import('./gsm8k/gsm8k-download-manifest.ts')).gsm8kManifest,
  humaneval: async () => (await import('./humaneval/humaneval-download-manifest.ts')).humanEvalManifest,
  mmlu: async () => (await import('./mmlu/mmlu-download-manifest.ts')).mmluManifest,
  arc: async () => (await import('./arc/arc-download-manifest.ts')).arcManifest,
  bbh: async () => (await import('./bbh/bbh-download-manifest.ts')).bbhManifest,
  bfcl: async () => (await import('./bfcl/bfcl-download-manifest.ts')).bfclManifest,
  ifeval: async () => (await import('./ifeval/ifeval-download-manifest.ts')).ifevalManifest,
  jsonschemabench: async () =>
    (await import('./jsonschemabench/jsonschemabench-download-manifest.ts')).jsonSchemaBenchManifest,
  mbpp: async () => (await import('./mbpp/mbpp-download-manifest.ts')).mbppManifest,
  mgsm: async () => (await import('./mgsm/mgsm-download-manifest.ts')).mgsmManifest,
  mt_bench: async () => (await import('./mtbench/mtbench-download-manifest.ts')).mtBenchManifest,
  xstest: async () => (await import('./xstest/xstest-download-manifest.ts')).xstestManifest,
  evalplus: async () => (await import('./evalplus/evalplus-download-manifest.ts')).evalPlusManifest,
  cmmlu: async () => (await import('./cmmlu/cmmlu-download-manifest.ts')).cmmluManifest,
  ceval: async () => (await import('./ceval/ceval-download-manifest.ts')).cevalManifest,
  truthfulqa: async () => (await import('./truthfulqa/truthfulqa-download-manifest.ts')).truthfulqaManifest,
};

/** The pinned download of the benchmark folder `benchmark`, or undefined when parity has none for it. */
export async function loadDatasetManifest(benchmark: string): Promise<DatasetManifest | undefined> {
  const load = Object.hasOwn(loaders, benchmark) ? loaders[benchmark] : undefined;
  return load === undefined ? undefined : load();
}
