import type { DatasetFileArtifact, DatasetManifest } from '../../datasets/dataset-manifest.ts';

const commit = '452a21ad3dae5668c06ceeac21ff073e1e40f9be';

/** Language, then sha256 and size of `mgsm/mgsm_<language>.tsv` at the pinned commit. */
const languages: ReadonlyArray<readonly [string, string, number]> = [
  ['bn', '6b00bc7cc635547e866989284afa924d789b5affa2eb8de623c385dd943ad977', 156_684],
  ['de', '4dfea30fede44b813e2e496f5f0534049e83c7cc8aed6e00600b30ec62053626', 69_640],
  ['en', '50021d0f28cc957edcb44e7806425b1c7fbd648ddcb9e0a8ec689d10e57d40fa', 61_299],
  ['es', '5bd27ebdf00140cec845c5298dc17715f5cd57d8edda6df1976db40bf3f0750a', 66_896],
  ['fr', '36207c1c03fd7cd3ea491441eb755408199f94e4a647851df531bbaedc99d606', 69_141],
  ['ja', '59a2b50debe77981fd784cb3b2bef1505e3abf2a37116dc9d7a366ab029b4637', 81_043],
  ['ru', '6bd30fd2e80c5bac23f566fb4ae0e6a55a19578401fbf9a01fb21beb3645fef8', 110_953],
  ['sw', '2bac828d77229e65d7c7197b1ad4a2cb5b1fe99b163f2cbdd66501de6a2115c4', 67_456],
  ['te', 'dd6b1452c244bb2e4ba254c01ea84137f80c1cefc57d69c23b0ed88b9c0f36b7', 176_547],
  ['th', 'f3932dc5ad8e9d0ea82b017adc1e1461dd647af861e7166d6741986602a0cfd6', 151_921],
  ['zh', 'b2fa63151022370a0de1f4211c8c284eae74b0f5a3b003b1d5982c0d4a73f661', 57_838],
];

/** MGSM's eleven translations of 250 GSM8K problems (google-research/url-nlp). */
export const mgsmManifest: DatasetManifest = {
  source: `google-research/url-nlp@${commit}`,
  license: { name: 'CC BY 4.0' },
  artifacts: languages.map(([language, sha256, sizeBytes]): DatasetFileArtifact => ({
    type: 'file',
    url: `https://raw.githubusercontent.com/google-research/url-nlp/${commit}/mgsm/mgsm_${language}.tsv`,
    sha256,
    sizeBytes,
    target: `mgsm_${language}.tsv`,
  })),
};
