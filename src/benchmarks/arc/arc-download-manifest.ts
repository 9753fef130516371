import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

// AI2 publishes ARC as a zip on its own site; this pins a byte-identical copy of the split files (the
// OpenCompass data bundle) whose row counts match the official splits.
const commit = '5d3c8009ab8f5adab4899c34dd203cbf7afcb372';
const base = `https://raw.githubusercontent.com/FormulaMonks/llm-benchmarker-suite/${commit}/data/ARC/ARC-c`;

/** ARC-Challenge test and dev splits (Clark et al. 2018). */
export const arcManifest: DatasetManifest = {
  source: `AI2 ARC-V1-Feb2018, copy at FormulaMonks/llm-benchmarker-suite@${commit}`,
  license: { name: 'CC BY-SA 4.0' },
  artifacts: [
    {
      type: 'file',
      url: `${base}/ARC-Challenge-Test.jsonl`,
      sha256: '9fa8ffb3e3a1f88cb302d53dd95aae81e39209ad9bcf974376b319d8fd35717c',
      sizeBytes: 492_726,
      target: 'ARC-Challenge/ARC-Challenge-Test.jsonl',
    },
    {
      type: 'file',
      url: `${base}/ARC-Challenge-Dev.jsonl`,
      sha256: '55224364abd2477f66a9a57c5cbef109fb71d83019aa5e37aec0e7ab757746ca',
      sizeBytes: 126_540,
      target: 'ARC-Challenge/ARC-Challenge-Dev.jsonl',
    },
  ],
};
