import type { DatasetManifest } from './dataset-manifest.ts';
import { arcManifest } from './download-manifests/arc.ts';
import { bbhManifest } from './download-manifests/bbh.ts';
import { evalPlusManifest } from './download-manifests/evalplus.ts';
import { cevalManifest } from './download-manifests/ceval.ts';
import { cmmluManifest } from './download-manifests/cmmlu.ts';
import { bfclManifest } from './download-manifests/bfcl.ts';
import { ifevalManifest } from './download-manifests/ifeval.ts';
import { mbppManifest } from './download-manifests/mbpp.ts';
import { mgsmManifest } from './download-manifests/mgsm.ts';
import { jsonSchemaBenchManifest } from './download-manifests/jsonschemabench.ts';
import { mtBenchManifest } from './download-manifests/mt-bench.ts';
import { xstestManifest } from './download-manifests/xstest.ts';
import { truthfulqaManifest } from './download-manifests/truthfulqa.ts';

const gsm8kCommit = '3101c7d5072418e28b9008a6636bde82a006892c';
const humanEvalCommit = '6d43fb980f9fee3c892a914eda09951f772ad10d';
const gsm8kBase = `https://raw.githubusercontent.com/openai/grade-school-math/${gsm8kCommit}/grade_school_math/data`;

/**
 * Pinned downloads for every benchmark parity runs (docs/decisions/0003-dataset-downloads.md, docs/datasets.md).
 * Checksums: GSM8K from the repository blobs at the pinned commit; MMLU's data.tar as published in the
 * `download_checksums` of huggingface/datasets `datasets/hendrycks_test/dataset_infos.json`; the others from
 * the files at the pinned commits (each in `download-manifests/`).
 */
export const datasetManifests: Readonly<Record<string, DatasetManifest>> = {
  gsm8k: {
    source: `openai/grade-school-math@${gsm8kCommit}`,
    license: { name: 'MIT' },
    artifacts: [
      {
        type: 'file',
        url: `${gsm8kBase}/test.jsonl`,
        sha256: '3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14',
        sizeBytes: 749_738,
        target: 'test.jsonl',
      },
      {
        type: 'file',
        url: `${gsm8kBase}/train.jsonl`,
        sha256: '17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465',
        sizeBytes: 4_166_206,
        target: 'train.jsonl',
      },
    ],
  },
  humaneval: {
    // Byte-identical to the shared test copy (sha256 checked against ../shared/datasets/humaneval).
    source: `openai/human-eval@${humanEvalCommit}`,
    license: { name: 'MIT' },
    artifacts: [
      {
        type: 'file',
        url: `https://raw.githubusercontent.com/openai/human-eval/${humanEvalCommit}/data/HumanEval.jsonl.gz`,
        sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
        sizeBytes: 44_877,
        target: 'HumanEval.jsonl.gz',
      },
    ],
  },
  mmlu: {
    source: 'official MMLU release data.tar (hendrycks/test)',
    license: { name: 'MIT' },
    artifacts: [
      {
        type: 'tar',
        url: 'https://people.eecs.berkeley.edu/~hendrycks/data.tar',
        // The same Git LFS object, pinned to a revision of the cais/mmlu dataset repository.
        mirrors: [
          'https://huggingface.co/datasets/cais/mmlu/resolve/c30699e8356da336a370243923dbaf21066bb9fe/data.tar',
        ],
        sha256: 'bec563ba4bac1d6aaf04141cd7d1605d7a5ca833e38f994051e818489592989b',
        sizeBytes: 166_184_960,
        // auxiliary_train (≈160 MB of other datasets' questions) is not part of the benchmark; skip it.
        members: [
          { from: 'data/dev/', to: 'data/dev/' },
          { from: 'data/val/', to: 'data/val/' },
          { from: 'data/test/', to: 'data/test/' },
        ],
      },
    ],
  },
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
