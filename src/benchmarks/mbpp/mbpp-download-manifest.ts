import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

// google-research/google-research's mbpp/mbpp.jsonl; pinned here is the copy in the OpenCompass data bundle,
// which is one of the two upstream revisions of the file (see docs/datasets.md).
const commit = '5d3c8009ab8f5adab4899c34dd203cbf7afcb372';

/** MBPP's 974 tasks (Austin et al. 2021); 11–510 are the test split. */
export const mbppManifest: DatasetManifest = {
  source: `google-research mbpp, copy at FormulaMonks/llm-benchmarker-suite@${commit}`,
  license: { name: 'CC BY 4.0' },
  artifacts: [
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/FormulaMonks/llm-benchmarker-suite/${commit}/data/mbpp/mbpp.jsonl`,
      sha256: '0b5e07b5b40fedd01c57b7c9177b79f8b2eebd72c304c928605d91a7237d2f33',
      sizeBytes: 563_742,
      target: 'mbpp.jsonl',
    },
  ],
};
