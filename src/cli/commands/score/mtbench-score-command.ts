import { resolve } from 'node:path';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import {
  judgedTurns,
  judgedTurnScores,
  judgmentLineSchema,
  loadMtbenchItems,
  mtbenchMetrics,
} from '../../../benchmarks/mtbench/index.ts';
import { readJsonLines } from '../../../datasets/jsonl.ts';
import { formatScoreTable } from '../../../report/format-score-table.ts';
import { scoreReportJson, type EstimateJson } from '../../../report/score-report-json.ts';
import { summarizeScores, type ScoredItem } from '../../../report/summarize-scores.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { dataDir } from '../../paths.ts';
import { mtbenchJudgeSamples, type MtbenchJudgeSamplesFlags } from './mtbench-judge-samples.ts';

export const MTBENCH_PROTOCOL = 'mtbench.single';

export interface MtbenchScoreFlags extends MtbenchJudgeSamplesFlags {
  readonly judgments?: string;
  readonly samples?: string;
  readonly judge?: string;
  readonly model?: string;
  readonly dataDir?: string;
  readonly json?: boolean;
  readonly items?: boolean;
  readonly download: boolean;
}

/**
 * `parity score mtbench --judgments FILE`: re-scores FastChat single-answer judgment files from the judgment
 * text alone (`[[x]]`, `[x]` fallback); unparsed judgments are counted (`unparsed`, "unscored" in the table)
 * and left out of the means. With `--samples FILE --judge <spec>` it judges answers produced elsewhere instead
 * (mtbench-judge-samples.ts). Per model: `score` (all judged turns), `score_turn1`, `score_turn2`, and per
 * category; with `--json` and several models, `groups` also holds `model:<name>` entries.
 */
export async function mtbenchScoreCommand(flags: MtbenchScoreFlags, io: CliIo): Promise<number> {
  if (flags.samples !== undefined && flags.judgments !== undefined) {
    throw new InputError('give either --samples (with --judge) or --judgments, not both', {
      location: '--samples',
    });
  }
  if (flags.samples !== undefined) return mtbenchJudgeSamples(flags, io);
  if (flags.judgments === undefined) {
    throw new InputError(
      'parity score mtbench needs --judgments FILE, or --samples FILE with --judge <spec>',
      {
        location: '--judgments',
      },
    );
  }
  const file = resolve(io.cwd, flags.judgments);
  const lines = await readJsonLines({ file, schema: judgmentLineSchema });
  const directory = dataDir(io, flags.dataDir);
  const source = cliDatasetSource(io, { directory: directory, allowDownload: flags.download });
  const categories = new Map((await loadMtbenchItems(source)).map((item) => [item.id, item.group ?? '']));
  for (const { line, value } of lines) {
    if (!categories.has(value.question_id)) {
      throw new InputError(`unknown mtbench question_id '${value.question_id}'`, {
        location: `${file}:${line}`,
      });
    }
  }
  const judged = judgedTurns(lines.map((line) => line.value));
  const models = [...new Set(judged.map((turn) => turn.model))];
  const selectedModels = flags.model === undefined ? models : models.filter((model) => model === flags.model);
  if (selectedModels.length === 0) {
    throw new InputError(
      `no judgments for model '${flags.model}' (models in the file: ${models.join(', ')})`,
      {
        location: file,
      },
    );
  }
  const summarize = (models: readonly string[]) => {
    const turns = judged.filter((turn) => models.includes(turn.model));
    const scored: ScoredItem[] = turns.map((turn) => ({
      itemId: `${turn.questionId}/${turn.turn}`,
      cluster: turn.questionId,
      group: categories.get(turn.questionId) ?? '',
      scores: judgedTurnScores(turn),
    }));
    return { turns, summary: summarizeScores(scored, mtbenchMetrics) };
  };

  if (flags.json) {
    const { turns, summary } = summarize(selectedModels);
    const unparsed = turns.filter((turn) => turn.rating === null).length;
    const json = scoreReportJson({
      model: selectedModels.join(','),
      benchmark: 'mtbench',
      protocol: MTBENCH_PROTOCOL,
      n: turns.length,
      summary,
      ...(flags.items
        ? {
            items: turns.map((turn) => ({
              id: turn.questionId,
              sample: turn.turn - 1,
              score: turn.rating,
              scores: { [`rating_turn${turn.turn}`]: turn.rating },
              extracted: turn.rating === null ? null : String(turn.rating),
            })),
          }
        : {}),
    });
    const unparsedJson: EstimateJson = {
      value: unparsed,
      ci95: [null, null],
      n: turns.length,
      method: 'count',
    };
    json.metrics.unparsed = unparsedJson;
    if (selectedModels.length > 1) {
      for (const model of selectedModels) {
        const perModel = summarize([model]).summary.metrics;
        json.groups[`model:${model}`] = Object.fromEntries(
          Object.entries(
            scoreReportJson({
              model,
              benchmark: 'mtbench',
              protocol: MTBENCH_PROTOCOL,
              n: 0,
              summary: { metrics: perModel, groups: {}, unscored: 0 },
            }).metrics,
          ),
        );
      }
    }
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  io.stdout(
    `${formatScoreTable(
      selectedModels.map((model) => ({
        model,
        benchmark: 'mtbench',
        protocol: MTBENCH_PROTOCOL,
        metrics: mtbenchMetrics,
        summary: summarize([model]).summary,
      })),
    )}\n`,
  );
  return 0;
}
