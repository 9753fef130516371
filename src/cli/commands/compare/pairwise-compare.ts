import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PAIRWISE_PROMPT_ID } from '../../../scoring/pairwise/pairwise-judge-request.ts';
import {
  PAIRWISE_BENCHMARK,
  PAIRWISE_PROTOCOL_ID,
  pairwiseProtocol,
} from '../../../scoring/pairwise/pairwise-protocol.ts';
import {
  formatPairwise,
  pairwiseJson,
  summarizePairwise,
  type PairwiseSides,
} from '../../../report/pairwise-summary.ts';
import type { ModelIdentity, PairwiseRunConfig, RunStore, StoredRun } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import { StoreError } from '../../../store/store-error.ts';
import type { CliIo } from '../../cli-io.ts';
import { modelFromSpec } from '../../model-from-spec.ts';
import { currentOwner, openRunStore } from '../../open-run-store.ts';
import { parseSecondsAsMs, parseWholeNumber } from '../../parse-options.ts';
import { storePath } from '../../paths.ts';
import { JUDGE_DEFAULTS as EVAL_DEFAULTS } from '../../options/defaults.ts';
import { judgePairs } from './judge-pairs.ts';
import { pairAnswers } from './pairwise-items.ts';

/** `parity compare <a> <b> --judge <spec>` flags (docs/cli.md, docs/tasks.md). */
export interface PairwiseCompareFlags {
  readonly judge: string;
  readonly judgeBaseUrl?: string;
  readonly rubric?: string;
  readonly concurrency?: string;
  readonly timeout?: string;
  readonly retries?: string;
  /** false with --no-cache: ask the judge again instead of reusing cached judgments. */
  readonly cache?: boolean;
  readonly json?: boolean;
  readonly store?: string;
  /** Significance level of the verdict (already parsed). */
  readonly level: number;
}

/** `--rubric`: the text of a file when the value names one (relative to the working folder), else the text itself. */
export function readRubric(cwd: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const path = resolve(cwd, value);
  const text = existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : value;
  if (text.trim() === '') throw new InputError('the rubric is empty', { location: '--rubric' });
  return text.trim();
}

function loadAnsweredRun(store: RunStore, runId: string, path: string): StoredRun {
  const run = store.getRun(runId);
  if (!run) throw new InputError(`no run '${runId}' in ${path} (see 'parity runs')`);
  if (run.kind !== 'eval') throw new InputError(`run ${runId} is a ${run.kind} run, not an evaluation`);
  if (run.config.benchmark === PAIRWISE_BENCHMARK) {
    throw new InputError(`run ${runId} holds judgments, not answers: name the two runs it compared`);
  }
  return run;
}

/**
 * The judgment run of an earlier call with the same runs, judge (spec and endpoint), prompt and rubric, to resume;
 * else undefined.
 */
function earlierJudgmentRun(
  store: RunStore,
  wanted: { config: PairwiseRunConfig; judge: string; identity: ModelIdentity; pairs: number },
): string | undefined {
  const same = store
    .listRuns()
    .filter(
      (run) =>
        run.config.benchmark === PAIRWISE_BENCHMARK &&
        run.config.modelSpec === wanted.judge &&
        run.config.model.endpoint === wanted.identity.endpoint &&
        run.config.model.modelId === wanted.identity.modelId &&
        run.totalItems === wanted.pairs &&
        run.config.pairwise?.runA === wanted.config.runA &&
        run.config.pairwise.runB === wanted.config.runB &&
        run.config.pairwise.prompt === wanted.config.prompt &&
        run.config.pairwise.rubric === wanted.config.rubric,
    );
  return same.at(-1)?.runId;
}

/**
 * `parity compare <run-a> <run-b> --judge <spec>`: a judge model compares the two runs' answers to every item both
 * answered, in both orders; the judgments are stored as a judgment run (resumed and cached on the next call) and
 * summarised as A's win rate with its interval, the ties and the verdict. Exit 0 (3 when interrupted).
 */
export async function pairwiseCompareCommand(
  runIds: readonly string[],
  flags: PairwiseCompareFlags,
  io: CliIo,
): Promise<number> {
  if (runIds.length !== 2) {
    throw new InputError(`--judge compares two runs (A and B), got ${runIds.length}`, {
      location: '--judge',
    });
  }
  const rubric = readRubric(io.cwd, flags.rubric);
  const concurrency = parseWholeNumber('--concurrency', flags.concurrency) ?? EVAL_DEFAULTS.concurrency;
  const timeoutMs = parseSecondsAsMs('--timeout', flags.timeout) ?? EVAL_DEFAULTS.timeoutMs;
  const maxRetries = parseWholeNumber('--retries', flags.retries, { min: 0 }) ?? EVAL_DEFAULTS.maxRetries;
  const path = storePath(io, flags.store);
  // The runs must exist already: a missing store is an error, not a new empty one.
  if (!existsSync(path)) throw new StoreError({ problem: 'missing', storePath: path });
  const store = openRunStore(io, { store: flags.store });
  const judge = modelFromSpec(io, {
    spec: flags.judge,
    ...(flags.judgeBaseUrl ? { baseUrl: flags.judgeBaseUrl } : {}),
  });
  try {
    const [a, b] = runIds.map((runId) => loadAnsweredRun(store, runId, path)) as [StoredRun, StoredRun];
    if (
      a.config.benchmark !== b.config.benchmark ||
      a.config.protocol !== b.config.protocol ||
      a.config.protocolVersion !== b.config.protocolVersion
    ) {
      throw new InputError(
        `run ${b.runId} used ${b.config.protocol} v${b.config.protocolVersion} but run ${a.runId} used ${a.config.protocol} v${a.config.protocolVersion}: a judge compares answers to the same prompts; compare runs of one protocol`,
      );
    }
    const { pairs, mismatched } = pairAnswers(store, a, b);
    if (mismatched > 0) {
      io.stderr(`note: ${mismatched} items differ in content between the runs and are left out\n`);
    }
    if (pairs.length === 0) {
      throw new InputError(`runs ${a.runId} and ${b.runId} have no answered item in common`);
    }
    const config: PairwiseRunConfig = {
      runA: a.runId,
      runB: b.runId,
      benchmark: a.config.benchmark,
      protocol: a.config.protocol,
      prompt: PAIRWISE_PROMPT_ID,
      ...(rubric === undefined ? {} : { rubric }),
    };
    const owner = currentOwner(io);
    const earlier = earlierJudgmentRun(store, {
      config,
      judge: flags.judge,
      identity: judge.identity,
      pairs: pairs.length,
    });
    const runId =
      earlier ??
      store.createRun({
        kind: 'eval',
        config: {
          modelSpec: flags.judge,
          model: judge.identity,
          benchmark: PAIRWISE_BENCHMARK,
          protocol: PAIRWISE_PROTOCOL_ID,
          protocolVersion: pairwiseProtocol.version,
          concurrency,
          timeoutMs,
          maxRetries,
          pairwise: config,
        },
        totalItems: pairs.length,
        createdAt: io.now().toISOString(),
        ...(owner ? { owner } : {}),
      });
    store.setStatus(runId, 'running', { updatedAt: io.now().toISOString(), ...(owner ? { owner } : {}) });
    io.stderr(
      `${earlier ? 'resuming' : 'judging in'} run ${runId}: ${pairs.length} items × 2 orders, judge ${flags.judge}\n`,
    );
    let recorded = 0;
    const { cancelled } = await judgePairs({
      store,
      runId,
      judge,
      pairs,
      ...(rubric === undefined ? {} : { rubric }),
      concurrency,
      maxRetries,
      timeoutMs,
      useCache: flags.cache !== false,
      now: () => io.now(),
      ...(io.signal ? { signal: io.signal } : {}),
      onRecord: () => {
        recorded += 1;
        if (recorded % 50 === 0) io.stderr(`judged ${recorded} items\n`);
      },
    });
    store.setStatus(runId, cancelled ? 'interrupted' : 'completed', { updatedAt: io.now().toISOString() });
    if (cancelled) {
      io.stderr(`interrupted: run the same command again to resume run ${runId}\n`);
      return 3;
    }
    const judged = store.getRun(runId);
    const summary = summarizePairwise(judged?.items ?? [], { level: flags.level });
    const sides: PairwiseSides = {
      judgmentRunId: runId,
      judge: flags.judge,
      config,
      a: { runId: a.runId, model: a.config.modelSpec },
      b: { runId: b.runId, model: b.config.modelSpec },
      paired: pairs.length,
    };
    if (flags.json) io.stdout(`${JSON.stringify({ pairwise: pairwiseJson(sides, summary) }, null, 2)}\n`);
    else io.stdout(`${formatPairwise(sides, summary)}\n`);
    return 0;
  } finally {
    store.close();
    await judge.close?.();
  }
}
