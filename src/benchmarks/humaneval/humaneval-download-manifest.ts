import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

const commit = '6d43fb980f9fee3c892a914eda09951f772ad10d';

/** HumanEval's 164 problems (openai/human-eval). */
export const humanEvalManifest: DatasetManifest = {
  // Byte-identical to the shared test copy (sha256 checked against ../shared/datasets/humaneval).
  source: `openai/human-eval@${commit}`,
  license: { name: 'MIT' },
  artifacts: [
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/openai/human-eval/${commit}/data/HumanEval.jsonl.gz`,
      sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
      sizeBytes: 44_877,
      target: 'HumanEval.jsonl.gz',
    },
  ],
};
