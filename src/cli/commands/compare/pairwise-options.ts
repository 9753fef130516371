import { Option, type Command } from 'commander';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { JUDGE_DEFAULTS as EVAL_DEFAULTS } from '../../options/defaults.ts';

/** The `parity compare` flags of pairwise judging (`--judge` switches to it). */
export interface PairwiseFlags {
  readonly judge?: string;
  readonly judgeBaseUrl?: string;
  readonly rubric?: string;
  readonly concurrency?: string;
  readonly timeout?: string;
  readonly retries?: string;
  readonly cache?: boolean;
}

/** Flags of the statistical comparison that mean nothing to a judge. */
const notWithJudge = [
  ['aPublished', '--a-published'],
  ['vsPublished', '--vs-published'],
  ['margin', '--margin'],
  ['marginRelative', '--margin-relative'],
  ['nonInferiority', '--non-inferiority'],
  ['failUnlessEquivalent', '--fail-unless-equivalent'],
  ['cluster', '--cluster'],
  ['allowMismatchedItems', '--allow-mismatched-items'],
] as const;

/** `parity compare <a> <b> --judge <spec>`: refuses the statistical comparison's own flags, then judges. */
export async function pairwiseCompareCommand(
  runIds: readonly string[],
  flags: PairwiseFlags & {
    readonly judge: string;
    readonly level?: string;
    readonly json?: boolean;
    readonly store?: string;
  } & Readonly<Record<string, unknown>>,
  io: CliIo,
  parseLevel: (value: string | undefined) => number,
): Promise<number> {
  for (const [field, flag] of notWithJudge) {
    // --cluster has a default ('item'): only another value is a conflict.
    const value = flags[field];
    if (value !== undefined && value !== false && !(field === 'cluster' && value === 'item')) {
      throw new InputError(`${flag} applies to score comparisons, not to --judge`, { location: flag });
    }
  }
  const { pairwiseCompareCommand: judgeRuns } = await import('./pairwise-compare.ts');
  return judgeRuns(runIds, { ...flags, level: parseLevel(flags.level) }, io);
}

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
