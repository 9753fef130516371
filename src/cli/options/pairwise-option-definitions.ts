import { Option, type Command } from 'commander';
import { JUDGE_DEFAULTS as EVAL_DEFAULTS } from './defaults.ts';

/** Adds `--judge`, `--judge-base-url`, `--rubric`, `--concurrency`, `--timeout`, `--retries`, `--no-cache`. */
export function addPairwiseOptions(command: Command): void {
  command
    .addOption(
      new Option(
        '--judge <spec>',
        'pairwise judging: a judge model compares the answers of two runs to every item both answered, in both orders (MT-Bench pair-v2 prompt), and reports A\u2019s win rate with its 95% interval, ties and the verdict (docs/tasks.md)',
      ),
    )
    .option(
      '--judge-base-url <url>',
      "with --judge: the judge's OpenAI-compatible base URL (default: OPENAI_BASE_URL for openai: judges)",
    )
    .option(
      '--rubric <text|file>',
      'with --judge: what the judge should weigh, as text or a file (replaces the default criteria: helpfulness, relevance, accuracy, depth, creativity, detail)',
    )
    .option('--concurrency <n>', `with --judge: items judged at once (default ${EVAL_DEFAULTS.concurrency})`)
    .option(
      '--timeout <seconds>',
      `with --judge: per judge request (default ${EVAL_DEFAULTS.timeoutMs / 1000})`,
    )
    .option('--retries <n>', `with --judge: retries per judge request (default ${EVAL_DEFAULTS.maxRetries})`)
    .option('--no-cache', 'with --judge: ask the judge again instead of reusing stored judgments')
    .addHelpText(
      'after',
      `
Pairwise judging (--judge): each item both runs answered is shown to the judge twice, A's answer first and
B's answer first; a preference that flips with the order counts as a tie, so a judge that favours a position
wins nobody anything. The judgments are stored as a run of their own (parity show / parity view); running the
same command again resumes it, and every judgment is cached.
  parity compare <gpt4-run> <llama-run> --judge openai:gpt-4o --rubric rubric.txt --json`,
    );
}
