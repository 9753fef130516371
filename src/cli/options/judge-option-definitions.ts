import { Option } from 'commander';

export const judgeOption = (): Option =>
  new Option(
    '--judge <spec>',
    'judge model for judge-graded benchmarks (mtbench; xstest picks xstest.judge with it), any model spec, e.g. openai:gpt-4o; required for mtbench',
  );
export const judgeBaseUrlOption = (): Option =>
  new Option(
    '--judge-base-url <url>',
    "the judge's OpenAI-compatible base URL (default: OPENAI_BASE_URL for openai: judges, else the provider's)",
  );
export const judgeRepeatsOption = (): Option =>
  new Option(
    '--judge-repeats <k>',
    "judgments per turn (default 1); above 1 an MT-Bench turn's rating is the median and the judge's variance is reported, an llm_rubric grader's score the mean",
  );
