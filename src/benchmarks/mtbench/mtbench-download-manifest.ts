import type { DatasetManifest } from '../../datasets/dataset-manifest.ts';

const commit = '0e6d3e4beaab66f4d3f93db72541a4abab8af28d';
const base = `https://raw.githubusercontent.com/lm-sys/FastChat/${commit}/fastchat/llm_judge/data`;

/** MT-Bench's 80 questions, GPT-4 reference answers and judge prompts (lm-sys/FastChat). */
export const mtBenchManifest: DatasetManifest = {
  source: `lm-sys/FastChat@${commit}`,
  license: { name: 'Apache-2.0' },
  artifacts: [
    {
      type: 'file',
      url: `${base}/mt_bench/question.jsonl`,
      sha256: '119565adbab82227089cefdb44c8d7e2cf04dc0a0ec233634c82e7d4e2a944f7',
      sizeBytes: 48_929,
      target: 'question.jsonl',
    },
    {
      type: 'file',
      url: `${base}/mt_bench/reference_answer/gpt-4.jsonl`,
      sha256: 'f957a5bc977badb66885ec970e6cd08527845780313f0995764260e5777b9b3f',
      sizeBytes: 51_109,
      target: 'reference_answer/gpt-4.jsonl',
    },
    {
      type: 'file',
      url: `${base}/judge_prompts.jsonl`,
      sha256: 'fd283293406d024f44c174b094ef48031d0687a4682fd3a56b29b138f80281b6',
      sizeBytes: 10_449,
      target: 'judge_prompts.jsonl',
    },
  ],
};
