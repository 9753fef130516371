import type { DatasetManifest } from '../datasets/dataset-manifest.ts';
import { arcManifest } from './arc/arc-download-manifest.ts';
import { bbhManifest } from './bbh/bbh-download-manifest.ts';
import { bfclManifest } from './bfcl/bfcl-download-manifest.ts';
import { cevalManifest } from './ceval/ceval-download-manifest.ts';
import { cmmluManifest } from './cmmlu/cmmlu-download-manifest.ts';
import { evalPlusManifest } from './evalplus/evalplus-download-manifest.ts';
import { gsm8kManifest } from './gsm8k/gsm8k-download-manifest.ts';
import { humanEvalManifest } from './humaneval/humaneval-download-manifest.ts';
import { ifevalManifest } from './ifeval/ifeval-download-manifest.ts';
import { jsonSchemaBenchManifest } from './jsonschemabench/jsonschemabench-download-manifest.ts';
import { mbppManifest } from './mbpp/mbpp-download-manifest.ts';
import { mgsmManifest } from './mgsm/mgsm-download-manifest.ts';
import { mmluManifest } from './mmlu/mmlu-download-manifest.ts';
import { mtBenchManifest } from './mtbench/mtbench-download-manifest.ts';
import { truthfulqaManifest } from './truthfulqa/truthfulqa-download-manifest.ts';
import { xstestManifest } from './xstest/xstest-download-manifest.ts';

/**
 * Pinned downloads for every benchmark parity runs, keyed by the folder name of the benchmark's files
 * (docs/decisions/0003-dataset-downloads.md, docs/datasets.md). Each manifest lives beside its benchmark
 * (`<id>/<id>-download-manifest.ts`); the datasets layer downloads what callers pass it
 * (`createDatasetSource({ manifests: datasetManifests })`).
 */
export const datasetManifests: Readonly<Record<string, DatasetManifest>> = {
  gsm8k: gsm8kManifest,
  humaneval: humanEvalManifest,
  mmlu: mmluManifest,
  arc: arcManifest,
  bbh: bbhManifest,
  bfcl: bfclManifest,
  ifeval: ifevalManifest,
  jsonschemabench: jsonSchemaBenchManifest,
  mbpp: mbppManifest,
  mgsm: mgsmManifest,
  mt_bench: mtBenchManifest,
  xstest: xstestManifest,
  evalplus: evalPlusManifest,
  cmmlu: cmmluManifest,
  ceval: cevalManifest,
  truthfulqa: truthfulqaManifest,
};
