import type { Item, ItemScore, ItemStep, Protocol } from '../../../spec/index.ts';
import { openSqliteRunStore } from '../../../store/sqlite-run-store.ts';
import type { CliIo } from '../../cli-io.ts';
import { formatJudgeUsage, openJudge, type JudgeFlags } from '../../options/judge-options.ts';
import { parseWholeNumber } from '../../parse-options.ts';
import { storePath } from '../../paths.ts';
import { createStepContext } from '../../step-context.ts';
import { JUDGE_DEFAULTS } from '../../options/defaults.ts';

export interface JudgeSampleLinesFlags extends JudgeFlags {
  readonly concurrency?: string;
  readonly store?: string;
}

/**
 * `parity score <bench> --samples FILE --judge <spec>` for a single-answer judge-graded protocol (XSTest's
 * `xstest.judge`): each line's completion replays the protocol's `answer` step and the judge grades it exactly as
 * in `parity eval`. Judge responses are cached in the run store, so a re-run costs no judge call; the first judge
 * request that fails for good stops the command. Returns each line's score by line number.
 */
export async function judgeSampleLines(options: {
  io: CliIo;
  flags: JudgeSampleLinesFlags;
  protocol: Protocol;
  lines: readonly { readonly line: number; readonly item: Item; readonly completion: string }[];
}): Promise<Map<number, ItemScore>> {
  const { io, flags, protocol, lines } = options;
  const judge = openJudge(io, flags, [protocol]);
  const runSteps = protocol.runSteps?.bind(protocol);
  if (!judge || !runSteps) return new Map();
  const concurrency = parseWholeNumber('--concurrency', flags.concurrency) ?? JUDGE_DEFAULTS.concurrency;
  const store = openSqliteRunStore({ path: storePath(io, flags.store) });
  const scores = new Map<number, ItemScore>();
  const judgeSteps: ItemStep[] = [];
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let entry = lines[next]; entry !== undefined; entry = lines[next]) {
        next += 1;
        const { context, steps } = createStepContext({
          itemId: entry.item.id,
          answers: new Map([['answer', entry.completion]]),
          judge: judge.model,
          judgeRepeats: judge.repeats,
          maxRetries: JUDGE_DEFAULTS.maxRetries,
          timeoutMs: JUDGE_DEFAULTS.timeoutMs,
          getCached: (key) => store.getCachedResponse(key),
          putCached: (key, response) =>
            store.cacheResponse?.(key, response, { createdAt: io.now().toISOString() }),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        scores.set(entry.line, await runSteps(entry.item, context));
        judgeSteps.push(...steps.filter((step) => step.role === 'judge'));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, lines.length) }, worker));
  } finally {
    store.close();
    await judge.model.close?.();
  }
  io.stderr(`${formatJudgeUsage({ spec: judge.spec, steps: judgeSteps })}\n`);
  return scores;
}
