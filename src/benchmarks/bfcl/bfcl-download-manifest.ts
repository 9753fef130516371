import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

// ShishirPatil/gorilla, berkeley-function-call-leaderboard/bfcl_eval/data/ (BFCL v4); checksums of the files at
// this commit (byte-identical to ../shared/datasets/bfcl, see its PROVENANCE.md). BFCL data changes between
// releases: a new pin needs new checksums and a protocol version bump.
const commit = '6ea57973c7a6097fd7c5915698c54c17c5b1b6c8';
const repository = `https://raw.githubusercontent.com/ShishirPatil/gorilla/${commit}`;
const base = `${repository}/berkeley-function-call-leaderboard/bfcl_eval/data`;

/** BFCL v4's single-turn AST categories and their possible answers (Patil et al., Berkeley Function Calling Leaderboard). */
export const bfclManifest: DatasetManifest = {
  source: `ShishirPatil/gorilla@${commit} berkeley-function-call-leaderboard/bfcl_eval/data`,
  license: { name: 'Apache-2.0' },
  artifacts: [
    {
      type: 'file',
      url: `${repository}/LICENSE`,
      sha256: 'c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4',
      sizeBytes: 11_357,
      target: 'LICENSE',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_irrelevance.json`,
      sha256: '2b6ed4c2e992cdcf5f1678a701851f944bef7550ee026ed1ddb89efed5be01a6',
      sizeBytes: 159_940,
      target: 'BFCL_v4_irrelevance.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_live_multiple.json`,
      sha256: 'fd8ccfad4d911420d0e3341dbe2fff77d1d341da934248b9bb2bda24ab3a10c8',
      sizeBytes: 3_891_277,
      target: 'BFCL_v4_live_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_live_parallel.json`,
      sha256: '6c26e9fdc3350cf596e6d1ea9c179cbff834761bccf562f4141ed29a839ca421',
      sizeBytes: 15_649,
      target: 'BFCL_v4_live_parallel.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_live_parallel_multiple.json`,
      sha256: '21d4b9319c1faac431e22757b367ea28917fe467364c3a4b17f16ec06d4f6e79',
      sizeBytes: 82_332,
      target: 'BFCL_v4_live_parallel_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_live_simple.json`,
      sha256: '1af2ac87dca47556db7b7e37e51e28b459a38b594e3c7b3c792b4903598ca0c4',
      sizeBytes: 260_140,
      target: 'BFCL_v4_live_simple.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_multiple.json`,
      sha256: 'aef168155ebd74b7ac2401198b201343bc7d16d7a3d7e0d4e6d8ee82c6969b2a',
      sizeBytes: 316_583,
      target: 'BFCL_v4_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_parallel.json`,
      sha256: '19f51a82eff42e5d62541aa500115a056eb78f437c2ba1f10415fd7c8e5dda84',
      sizeBytes: 171_896,
      target: 'BFCL_v4_parallel.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_parallel_multiple.json`,
      sha256: '8863ea8433239f55c5f016154cf0830853c89f693c6ea270396a2fa121960579',
      sizeBytes: 347_080,
      target: 'BFCL_v4_parallel_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_simple_java.json`,
      sha256: '13d2303a125b08754f0e41995b9273b5005fa8ed8ebfaa24ef53b4d83c4b5c6e',
      sizeBytes: 86_619,
      target: 'BFCL_v4_simple_java.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_simple_javascript.json`,
      sha256: '329e67fedf79a6243d93dbda4b388d12bd2d31f1f2163d92cb6ef676d1764f44',
      sizeBytes: 47_063,
      target: 'BFCL_v4_simple_javascript.json',
    },
    {
      type: 'file',
      url: `${base}/BFCL_v4_simple_python.json`,
      sha256: '82dd63ba502eb2520c6b5d1d9a5c4b590e03ff261565175561f6228a367d1991',
      sizeBytes: 283_274,
      target: 'BFCL_v4_simple_python.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_live_multiple.json`,
      sha256: '97e90d59c5bd76c55a2920ce93e5566e9046307d3f558578f085f9d3a56c3084',
      sizeBytes: 199_668,
      target: 'possible_answer/BFCL_v4_live_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_live_parallel.json`,
      sha256: '8a9f189ff0e832ebbbbdade1fd95a7dbcc67406e9177df3f0aad76f59ab00350',
      sizeBytes: 4_972,
      target: 'possible_answer/BFCL_v4_live_parallel.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_live_parallel_multiple.json`,
      sha256: 'f5b5f360556c5feb51db46fb9f56ee4b304f4b45b161599bbb14161c98a2873f',
      sizeBytes: 7_420,
      target: 'possible_answer/BFCL_v4_live_parallel_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_live_simple.json`,
      sha256: 'fec9cfa9744a936f9126981e85a2023da1e63e273eafebc81923a1162fad70ce',
      sizeBytes: 46_972,
      target: 'possible_answer/BFCL_v4_live_simple.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_multiple.json`,
      sha256: '244e00ce9395df948bcafc7bee64e8f9c87ef70887587d83cae45b13699f3047',
      sizeBytes: 32_254,
      target: 'possible_answer/BFCL_v4_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_parallel.json`,
      sha256: '8a6aa19c1adddc6a5a2f7e40f9dbf30cc7e95815e7b830c90589ab318229e0f0',
      sizeBytes: 66_005,
      target: 'possible_answer/BFCL_v4_parallel.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_parallel_multiple.json`,
      sha256: '5ebf24f458c1f16300c05505d83d6f0a1b68b79be273a033febd0d4f840507e3',
      sizeBytes: 74_602,
      target: 'possible_answer/BFCL_v4_parallel_multiple.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_simple_java.json`,
      sha256: '78f25616084044fa05bbfcee68e03f6ececb222bdd5cb3b7783a675fb3366e35',
      sizeBytes: 16_407,
      target: 'possible_answer/BFCL_v4_simple_java.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_simple_javascript.json`,
      sha256: 'e2f9f2e51d88e0c8056ffbf1a3dd3d02eb032532d2b5d98c9cc9003385bdd56b',
      sizeBytes: 7_881,
      target: 'possible_answer/BFCL_v4_simple_javascript.json',
    },
    {
      type: 'file',
      url: `${base}/possible_answer/BFCL_v4_simple_python.json`,
      sha256: '90cd5bc653690ee8e459b5b3f3fc9458606f7f3fcbf795bb51b7dc581f8c86dc',
      sizeBytes: 63_627,
      target: 'possible_answer/BFCL_v4_simple_python.json',
    },
  ],
};
