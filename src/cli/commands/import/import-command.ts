import { benchmarkFiles } from '../../../benchmarks/benchmark-files.ts';
import { syntheticForSamples } from '../../options/longctx-options.ts';
import { createHash } from 'node:crypto';
import { runFingerprints } from '../../../datasets/item-fingerprint.ts';
import { runGold } from '../../../benchmarks/item-gold.ts';
import { parityVersion } from '../../parity-version.ts';
import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { basename, extname, resolve } from 'node:path';
import { getBenchmark, getProtocol } from '../../../benchmarks/registry.ts';
import { readJsonLines } from '../../../datasets/jsonl.ts';
import { formatScoreTable } from '../../../report/format-score-table.ts';
import { openSqliteRunStore } from '../../../store/sqlite-run-store.ts';
import type { GenerateRequest, Item, ItemRecord, RunConfig } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { dataDir, storePath } from '../../paths.ts';
import { runJson, runScores, runTableRow } from '../../run-summary.ts';
import { EVAL_DEFAULTS } from '../../options/defaults.ts';
import { sampleLineSchema } from '../../sample-line-schema.ts';

export interface ImportFlags {
  readonly bench: string;
  readonly samples: string;
  readonly model?: string;
  readonly protocol?: string;
  readonly store?: string;
  readonly dataDir?: string;
  readonly download: boolean;
  /** Print `{ "run_id", "items", "model", … }` (the run's scores, docs/cli.md) instead of the table. */
  readonly json?: boolean;
}

/** Imported records stand for results produced elsewhere: no request was sent. */
const importedRequest: GenerateRequest = { messages: [], parameters: {} };

/**
 * `parity import`: stores per-item results produced elsewhere as a completed eval run, so that `parity show`
 * and `parity compare` treat them like any other run. Lines with `score` are stored as the protocol's
 * headline item score as given; lines with `completion` are scored by the protocol (this needs the dataset).
 * Completions are stored as the items' responses (the drill-down and reports show them; they have no latency or
 * token counts, and their cache keys are `import:` digests no request ever looks up). Prints the run id on the
 * last line.
 */
export async function importCommand(flags: ImportFlags, io: CliIo): Promise<number> {
  const benchmark = getBenchmark(flags.bench);
  const protocol = getProtocol(benchmark, flags.protocol);
  const headline = protocol.metrics[0];
  if (!headline) throw new InputError(`protocol ${protocol.id} has no metric`);
  const samplesPath = resolve(io.cwd, flags.samples);
  const lines = await readJsonLines({ file: samplesPath, schema: sampleLineSchema });
  // --model picks lines when the file names models; in a one-model file without `model` fields it names the run.
  const fileNamesModels = lines.some((line) => line.value.model !== undefined);
  const selected =
    flags.model === undefined || !fileNamesModels
      ? lines
      : lines.filter((line) => line.value.model === flags.model);
  const models = [...new Set(selected.map((line) => line.value.model).filter((name) => name !== undefined))];
  if (selected.length === 0) {
    throw new InputError(
      flags.model === undefined ? 'the samples file is empty' : `no samples for model '${flags.model}'`,
      {
        location: samplesPath,
      },
    );
  }
  if (flags.model === undefined && models.length > 1) {
    throw new InputError(
      `the file holds ${models.length} models (${models.join(', ')}): pick one with --model`,
      {
        location: samplesPath,
      },
    );
  }
  const modelName = flags.model ?? models[0] ?? basename(samplesPath, extname(samplesPath));
  for (const { line, value } of selected) {
    if (value.score === undefined && value.completion === undefined) {
      throw new InputError(`needs 'score' or 'completion'`, { location: `${samplesPath}:${line}` });
    }
  }

  const needsDataset = selected.some((line) => line.value.score === undefined);
  const directory = dataDir(io, flags.dataDir);
  const source = cliDatasetSource(io, {
    directory: directory,
    allowDownload: needsDataset && flags.download,
  });
  let itemsById: Map<string, Item> | undefined;
  try {
    // longctx: items regenerated from the seed, at the lengths and depths the ids name.
    const options = benchmarkFiles(benchmark.id).generatedItems
      ? {
          synthetic: syntheticForSamples(
            {},
            selected.map((line) => line.value.id),
          ),
        }
      : {};
    itemsById = new Map((await benchmark.loadItems(source, options)).map((item) => [item.id, item]));
  } catch (error) {
    // Scores alone can be stored without the dataset; completions cannot be scored without it.
    if (needsDataset || !(error instanceof InputError)) throw error;
    io.stderr(
      `note: ${benchmark.id} dataset not found (${error.message}); item ids not checked, no groups\n`,
    );
  }

  const records: ItemRecord[] = [];
  const seen = new Set<string>();
  for (const { line, value } of selected) {
    const location = `${samplesPath}:${line}`;
    const item = itemsById?.get(value.id);
    if (itemsById && !item)
      throw new InputError(`unknown ${benchmark.id} item id '${value.id}'`, { location });
    const sample = value.sample ?? 0;
    const key = `${value.id}#${sample}`;
    if (seen.has(key))
      throw new InputError(`item '${value.id}' sample ${sample} appears twice`, { location });
    seen.add(key);
    let scores: Record<string, number | null>;
    let extracted: string | null = null;
    if (value.score !== undefined) {
      scores = { [headline.itemScore]: value.score };
    } else {
      const scored = protocol.score(item as Item, value.completion ?? '');
      scores = { ...scored.scores };
      extracted = scored.extracted;
    }
    const digest = createHash('sha256')
      .update(
        JSON.stringify([
          benchmark.id,
          protocol.id,
          modelName,
          value.id,
          sample,
          value.score ?? value.completion,
        ]),
      )
      .digest('hex');
    records.push({
      itemId: value.id,
      sample,
      ...(item?.group === undefined ? {} : { group: item.group }),
      status: 'ok',
      request: importedRequest,
      ...(value.completion === undefined
        ? {}
        : {
            response: {
              text: value.completion,
              finishReason: 'unknown',
              usage: {},
              // Not measured (no request was sent); measuredTiming() leaves it out of every latency figure.
              timing: { totalMs: 0 },
              prefillApplied: false,
            },
          }),
      extracted,
      scores,
      cached: false,
      attempts: 0,
      cacheKey: `import:${digest}`,
    });
  }

  const config: RunConfig = {
    modelSpec: modelName,
    model: { provider: 'import', endpoint: samplesPath, modelId: modelName },
    benchmark: benchmark.id,
    protocol: protocol.id,
    protocolVersion: protocol.version,
    concurrency: 1,
    // Not used: no request is sent. Kept valid for the stored config's schema.
    timeoutMs: EVAL_DEFAULTS.timeoutMs,
    maxRetries: 0,
    importedFrom: samplesPath,
    parityVersion: parityVersion(),
  };
  const store = openSqliteRunStore({ path: storePath(io, flags.store) });
  try {
    const createdAt = io.now().toISOString();
    const runId = store.createRun({ kind: 'eval', config, totalItems: records.length, createdAt });
    // With the dataset at hand, record what each imported item was, so runs pair only identical items.
    if (itemsById) {
      const imported = [...new Set(records.map((record) => record.itemId))].flatMap((id) => {
        const item = itemsById.get(id);
        return item ? [item] : [];
      });
      store.recordFingerprints?.(runId, runFingerprints(imported));
      store.recordGold?.(runId, runGold(protocol, imported));
    }
    store.recordItems(runId, records, { updatedAt: createdAt });
    store.setStatus(runId, 'completed', { updatedAt: io.now().toISOString() });
    const run = store.getRun(runId);
    if (flags.json) {
      const scores = run ? runJson(runScores(run, protocol), { items: false }) : { run_id: runId };
      io.stdout(`${JSON.stringify({ ...scores, imported_items: records.length }, null, 2)}\n`);
      return 0;
    }
    if (run) io.stdout(`${formatScoreTable([runTableRow(runScores(run, protocol))])}\n`);
    io.stdout(`imported ${records.length} items of ${modelName} as run:\n${runId}\n`);
  } finally {
    store.close();
  }
  return 0;
}
