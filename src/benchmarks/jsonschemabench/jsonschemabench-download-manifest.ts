import { z } from 'zod';
import { InputError } from '../../spec/index.ts';
import type { DatasetFileSetArtifact, DatasetManifest } from '../../datasets/dataset-manifest.ts';
import pinnedFiles from './jsonschemabench-files.json' with { type: 'json' };

// guidance-ai/jsonschemabench, maskbench/data/ (MaskBench's copy of the JSONSchemaBench schemas with valid and invalid
// instances): Github_trivial, Github_easy, Glaiveai2K and JME, one file per schema. jsonschemabench-files.json lists
// each subset's files and git blob ids at this commit (scripts/jsonschemabench-manifest.ts wrote it from
// ../shared/datasets/jsonschemabench, see its PROVENANCE.md); decision 0154.
const commit = 'ba103c73756198dd9b149ddc7db7867da7a077f6';
const dataPath = 'maskbench/data';

/** Per subset: [path under maskbench/data/, git blob id], in natural filename order. */
export type JsonSchemaBenchFileList = Readonly<Record<string, readonly (readonly [string, string])[]>>;

let checkedFiles: JsonSchemaBenchFileList | undefined;

/**
 * The pinned files (jsonschemabench-files.json), checked on first use: checking its 4,194 entries at import cost
 * every `parity` command ~50 ms of start-up (docs/decisions/0275).
 */
export function jsonSchemaBenchFiles(): JsonSchemaBenchFileList {
  checkedFiles ??= z
    .record(z.string(), z.array(z.tuple([z.string().min(1), z.string().regex(/^[0-9a-f]{40}$/)])))
    .parse(pinnedFiles);
  return checkedFiles;
}

/**
 * The jsonschemabench download: one artifact per subset, each the subset's upstream files converted into
 * `<subset>.jsonl` (the layout the loader reads, docs/datasets.md). `repositoryUrl` is the raw-file root of the
 * repository at the pinned commit; tests pass a loopback server and a few files.
 */
export function createJsonSchemaBenchManifest(
  repositoryUrl = `https://raw.githubusercontent.com/guidance-ai/jsonschemabench/${commit}`,
  files: JsonSchemaBenchFileList = jsonSchemaBenchFiles(),
): DatasetManifest {
  return {
    source: `guidance-ai/jsonschemabench@${commit} ${dataPath}`,
    // MIT per the Hugging Face dataset page epfl-dlab/JSONSchemaBench; the GitHub repository has no licence file.
    license: { name: 'MIT' },
    artifacts: Object.entries(files).map(([subset, pairs]): DatasetFileSetArtifact => ({
      type: 'file-set',
      url: `${repositoryUrl}/${dataPath}`,
      files: pairs.map(([path, gitBlob]) => ({ path, gitBlob })),
      // The largest of these files is about 0.1 MB pretty-printed.
      maxFileBytes: 4_000_000,
      target: `${subset}.jsonl`,
      convert: (downloaded) => downloaded.map((file) => `${JSON.stringify(convertFile(file))}\n`).join(''),
    })),
  };
}

let pinnedManifest: DatasetManifest | undefined;
const pinned = (): DatasetManifest => (pinnedManifest ??= createJsonSchemaBenchManifest());

/** The jsonschemabench download at the pinned commit; its artifacts are built when first read. */
export const jsonSchemaBenchManifest: DatasetManifest = {
  get source() {
    return pinned().source;
  },
  get license() {
    return pinned().license;
  },
  get artifacts() {
    return pinned().artifacts;
  },
};

/**
 * One upstream file (`<Subset>---<name>.json` or `JME_<n>.json`: `{description, meta, schema, tests}`) as one
 * compact record: subset, name, upstream path and git blob id, then the file's own fields in their order.
 */
function convertFile(file: {
  readonly path: string;
  readonly gitBlob: string;
  readonly bytes: Buffer;
}): Record<string, unknown> {
  const { path, bytes } = file;
  const where = `${dataPath}/${path}`;
  const stem = path.replace(/\.json$/, '');
  const separator = stem.indexOf('---');
  const subset = separator >= 0 ? stem.slice(0, separator) : stem.replace(/_\d+$/, '');
  const name = separator >= 0 ? stem.slice(separator + 3) : stem;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, { location: where });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('expected a JSON object with "schema"', { location: where });
  }
  const fields = value as Record<string, unknown>;
  const schema = fields.schema;
  if (
    typeof schema !== 'boolean' &&
    (typeof schema !== 'object' || schema === null || Array.isArray(schema))
  ) {
    throw new InputError('field "schema": expected a JSON Schema (object or boolean)', { location: where });
  }
  const record: Record<string, unknown> = {
    subset,
    name,
    upstream_path: where,
    upstream_git_blob: file.gitBlob,
  };
  for (const [key, field] of Object.entries(fields)) if (!(key in record)) record[key] = field;
  return record;
}
