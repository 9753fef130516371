import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

/**
 * MMLU's official data.tar; the checksum as published in the `download_checksums` of huggingface/datasets
 * `datasets/hendrycks_test/dataset_infos.json`.
 */
export const mmluManifest: DatasetManifest = {
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
};
