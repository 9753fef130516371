import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

// The release repositories commit the same .jsonl.gz files they publish as release assets (v0.1.10, v0.2.0);
// see docs/datasets.md.
const humanEvalPlusCommit = '200defce9e3429d28ca215b6dd061c0f7f31c18b';
const mbppPlusCommit = 'dadf43da556a00f7bacd71cb154f2932757d9144';

/** EvalPlus: HumanEval+ v0.1.10 and MBPP+ v0.2.0 (the versions evalplus@26d6d00b uses by default). */
export const evalPlusManifest: DatasetManifest = {
  source: `evalplus/humanevalplus_release@${humanEvalPlusCommit.slice(0, 8)} (v0.1.10), evalplus/mbppplus_release@${mbppPlusCommit.slice(0, 8)} (v0.2.0)`,
  license: { name: 'Apache-2.0' },
  artifacts: [
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/evalplus/humanevalplus_release/${humanEvalPlusCommit}/HumanEvalPlus.jsonl.gz`,
      sha256: '272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101',
      sizeBytes: 925_932,
      target: 'humanevalplus/HumanEvalPlus.jsonl.gz',
    },
    {
      type: 'file',
      url: `https://raw.githubusercontent.com/evalplus/mbppplus_release/${mbppPlusCommit}/MbppPlus.jsonl.gz`,
      // The v0.2.0 release asset has the same bytes (sha256 pinned by third parties, see docs/datasets.md).
      mirrors: ['https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz'],
      sha256: 'af43697e8791c4c149bdfd6b489d8b5412507551ac20e28a439f650b8225db63',
      sizeBytes: 336_032,
      target: 'mbppplus/MbppPlus.jsonl.gz',
    },
  ],
};
