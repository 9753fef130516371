import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';

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
