import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

const commit = '3101c7d5072418e28b9008a6636bde82a006892c';
const base = `https://raw.githubusercontent.com/openai/grade-school-math/${commit}/grade_school_math/data`;

/** GSM8K test and train files; checksums from the repository blobs at the pinned commit. */
export const gsm8kManifest: DatasetManifest = {
  source: `openai/grade-school-math@${commit}`,
  license: { name: 'MIT' },
  artifacts: [
    {
      type: 'file',
      url: `${base}/test.jsonl`,
      sha256: '3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14',
      sizeBytes: 749_738,
      target: 'test.jsonl',
    },
    {
      type: 'file',
      url: `${base}/train.jsonl`,
      sha256: '17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465',
      sizeBytes: 4_166_206,
      target: 'train.jsonl',
    },
  ],
};
