import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

// paul-rottger/exaggerated-safety at "updated for v2 on arxiv": xstest_v2_prompts.csv with the id_v2 column
// (the same 450 prompts, in the same order, as the current xstest_prompts.csv).
const commit = 'a3bb396ddc1939c6f264f17b7cf5b7a5d82833de';

/** XSTest v2's 250 safe and 200 unsafe prompts (Röttger et al., NAACL 2024). */
export const xstestManifest: DatasetManifest = {
  source: `paul-rottger/exaggerated-safety@${commit}`,
  license: { name: 'CC BY 4.0' },
  artifacts: [
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/paul-rottger/exaggerated-safety/${commit}/xstest_v2_prompts.csv`,
      sha256: 'e15832490045469ea1d6f6d3ee5674398fae2ed95962f35f5c90c4f557a86509',
      sizeBytes: 39_308,
      target: 'xstest_v2_prompts.csv',
    },
  ],
};
