import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

const commit = 'd71c110897f5d31c5d7f309e7bc316c152f6f031';

/**
 * TruthfulQA's original multiple-choice file (sylinrl/TruthfulQA `data/v0/mc_task.json`): the same bytes as
 * `data/mc_task.json` at 013686a, the commit the HF `truthful_qa` dataset (and so lm-eval) downloads.
 */
export const truthfulqaManifest: DatasetManifest = {
  source: `sylinrl/TruthfulQA@${commit.slice(0, 8)}`,
  license: { name: 'Apache-2.0' },
  artifacts: [
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/sylinrl/TruthfulQA/${commit}/data/v0/mc_task.json`,
      mirrors: [
        'https://raw.githubusercontent.com/sylinrl/TruthfulQA/013686a06be7a7bde5bf8223943e106c7250123c/data/mc_task.json',
      ],
      sha256: '6eb4125d25750c0145c4be2dce00440736684ab6f74ce6bff2139571cc758954',
      sizeBytes: 710_607,
      target: 'data/v0/mc_task.json',
    },
  ],
};
