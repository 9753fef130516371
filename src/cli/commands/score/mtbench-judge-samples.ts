import { resolve } from 'node:path';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { mtbenchBenchmark, mtbenchSingle, type MtbenchData } from '../../../benchmarks/mtbench/index.ts';
import { formatScoreTable } from '../../../report/format-score-table.ts';
import { scoreReportJson, type ScoreReportJson } from '../../../report/score-report-json.ts';
import type { ScoredItem } from '../../../report/summarize-scores.ts';
import { openSqliteRunStore } from '../../../store/sqlite-run-store.ts';
import type { Item, ItemScore, ItemStep } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { formatJudgeUsage, openJudge, type JudgeFlags } from '../../options/judge-options.ts';
import { parseWholeNumber } from '../../parse-options.ts';
import { dataDir, storePath } from '../../paths.ts';
import { scoredUnitsSummary } from '../../scored-units-summary.ts';
import { createStepContext } from '../../step-context.ts';
import { readMtbenchSamples, type MtbenchSample } from '../../../benchmarks/mtbench/mtbench-samples.ts';
import { JUDGE_DEFAULTS } from '../../options/defaults.ts';

export interface MtbenchJudgeSamplesFlags extends JudgeFlags {
  readonly samples?: string;
  readonly model?: string;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly items?: boolean;
  readonly download: boolean;
  readonly concurrency?: string;
  readonly store?: string;
}

interface JudgedSample {
  readonly sample: MtbenchSample;
  readonly item: Item<MtbenchData>;
  readonly score: ItemScore;
}

/**
 * `parity score mtbench --samples FILE --judge <spec>`: judges answers produced elsewhere exactly as `parity eval`
 * does (same prompts, parsing, repeats and per-turn means). Judge responses are cached in the run store, so a
 * re-run costs no judge call; the first judge request that fails for good stops the command.
 */
export async function mtbenchJudgeSamples(flags: MtbenchJudgeSamplesFlags, io: CliIo): Promise<number> {
  const judge = openJudge(io, flags, [mtbenchSingle]);
  if (!judge || flags.samples === undefined)
    throw new InputError('--samples FILE is required', { location: '--samples' });
  const concurrency = parseWholeNumber('--concurrency', flags.concurrency) ?? JUDGE_DEFAULTS.concurrency;
  const file = resolve(io.cwd, flags.samples);
  const all = await readMtbenchSamples(file);
  const models = [...new Set(all.map((sample) => sample.model))];
  const samples = flags.model === undefined ? all : all.filter((sample) => sample.model === flags.model);
  if (samples.length === 0) {
    throw new InputError(`no answers for model '${flags.model}' (models in the file: ${models.join(', ')})`, {
      location: file,
    });
  }
  const directory = dataDir(io, flags.dataDir);
  const source = cliDatasetSource(io, { directory: directory, allowDownload: flags.download });
  const items = new Map((await mtbenchBenchmark.loadItems(source)).map((item) => [item.id, item]));
  for (const sample of samples) {
    if (!items.has(sample.id)) {
      throw new InputError(`unknown mtbench question id '${sample.id}'`, { location: sample.location });
    }
  }

  const store = openSqliteRunStore({ path: storePath(io, flags.store) });
  const judgeStepsDone: ItemStep[] = [];
  const judged: JudgedSample[] = [];
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let sample = samples[next]; sample !== undefined; sample = samples[next]) {
        next += 1;
        const item = items.get(sample.id) as Item<MtbenchData>;
        const { context, steps } = createStepContext({
          itemId: sample.id,
          answers: new Map([
            ['turn1', sample.turns[0]],
            ['turn2', sample.turns[1]],
          ]),
          judge: judge.model,
          judgeRepeats: judge.repeats,
          maxRetries: JUDGE_DEFAULTS.maxRetries,
          timeoutMs: JUDGE_DEFAULTS.timeoutMs,
          getCached: (key) => store.getCachedResponse(key),
          putCached: (key, response) =>
            store.cacheResponse?.(key, response, { createdAt: io.now().toISOString() }),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        const score = await mtbenchSingle.runSteps?.(item, context);
        if (score) judged.push({ sample, item, score });
        judgeStepsDone.push(...steps.filter((step) => step.role === 'judge'));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, samples.length) }, worker));
  } finally {
    store.close();
    await judge.model.close?.();
  }
  io.stderr(`${formatJudgeUsage({ spec: judge.spec, steps: judgeStepsDone })}\n`);
  printJudged({ io, flags, judged, models: [...new Set(samples.map((sample) => sample.model))] });
  return 0;
}

function printJudged(options: {
  io: CliIo;
  flags: MtbenchJudgeSamplesFlags;
  judged: readonly JudgedSample[];
  models: readonly string[];
}): void {
  const { io, flags, judged, models } = options;
  // Question order, as in the dataset.
  const ordered = [...judged].sort((a, b) => Number(a.item.id) - Number(b.item.id));
  const summaryFor = (selected: readonly string[]) =>
    scoredUnitsSummary(
      ordered
        .filter((entry) => selected.includes(entry.sample.model))
        .map((entry): ScoredItem => ({
          itemId: entry.item.id,
          group: entry.item.group ?? '',
          scores: entry.score.scores,
        })),
      mtbenchSingle,
    );
  if (!flags.json) {
    io.stdout(
      `${formatScoreTable(
        models.map((model) => ({
          model: model === '' ? '(samples)' : model,
          benchmark: 'mtbench',
          protocol: mtbenchSingle.id,
          metrics: mtbenchSingle.metrics,
          summary: summaryFor([model]),
        })),
      )}\n`,
    );
    return;
  }
  const report = (selected: readonly string[]): ScoreReportJson => {
    const entries = ordered.filter((entry) => selected.includes(entry.sample.model));
    return scoreReportJson({
      model: selected.join(','),
      benchmark: 'mtbench',
      protocol: mtbenchSingle.id,
      n: entries.length * 2,
      summary: summaryFor(selected),
      ...(flags.items
        ? {
            items: entries.map((entry) => ({
              id: entry.item.id,
              sample: 0,
              score: entry.score.scores.rating ?? null,
              scores: { ...entry.score.scores },
              extracted: entry.score.extracted,
            })),
          }
        : {}),
    });
  };
  const json = report(models);
  if (models.length > 1) {
    for (const model of models) json.groups[`model:${model}`] = report([model]).metrics;
  }
  io.stdout(`${JSON.stringify(json, null, 2)}\n`);
}
