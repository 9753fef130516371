import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

// google-research/google-research's instruction_following_eval/data/input_data.jsonl; pinned here is a
// byte-identical copy (same length and last record as upstream) in a repository of its own.
const commit = '5bdf377eb9cc20f16d377dc5c38413cee22550a6';

/** IFEval's 541 prompts with their instructions (Zhou et al. 2023). */
export const ifevalManifest: DatasetManifest = {
  source: `google-research instruction_following_eval, copy at Podtech-AI/IFEval@${commit}`,
  license: { name: 'Apache-2.0' },
  artifacts: [
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/Podtech-AI/IFEval/${commit}/data/input_data.jsonl`,
      sha256: '67ffeee0fcb87c317c5b08a2de85557b4a7e96ada6178aa645b4954fe4b53d49',
      sizeBytes: 207_111,
      target: 'input_data.jsonl',
    },
  ],
};
