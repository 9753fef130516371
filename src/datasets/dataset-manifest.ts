import { createHash } from 'node:crypto';

/**
 * Where a benchmark's upstream files can be downloaded from, pinned by checksum. Every artifact lands in
 * the cache under `<cacheDir>/<benchmark>/` in the same layout as a `--data-dir` folder (docs/datasets.md).
 */
export interface DatasetManifest {
  /** Where the files come from (repository and commit, or release), for messages and docs. */
  readonly source: string;
  /** The data's licence, shown before the first download. */
  readonly license: DatasetLicense;
  readonly artifacts: readonly DatasetArtifact[];
}

/** A data set's licence. A non-commercial one is downloaded only after the user accepts it once. */
export interface DatasetLicense {
  /** SPDX-like name, e.g. 'MIT', 'CC BY 4.0', 'CC BY-NC-SA 4.0'. */
  readonly name: string;
  /** True when the licence forbids commercial use (the user must accept it: `--accept-license <benchmark>`). */
  readonly nonCommercial?: boolean;
}

/**
 * One downloadable file: stored as is at `target`, a tar archive whose members map onto the layout, or a set of
 * repository files pinned by git blob id and converted into one file.
 */
export type DatasetArtifact = DatasetFileArtifact | DatasetTarArtifact | DatasetFileSetArtifact;

interface PinnedDownload {
  readonly url: string;
  /** Other URLs serving the same bytes, tried in order when `url` fails (network error or HTTP status). */
  readonly mirrors?: readonly string[];
  /** Lowercase hex SHA-256 of the downloaded bytes. */
  readonly sha256: string;
  /** Exact length of the download in bytes. */
  readonly sizeBytes: number;
}

export interface DatasetFileArtifact extends PinnedDownload {
  readonly type: 'file';
  /** Path relative to the benchmark's folder, e.g. 'test.jsonl'. */
  readonly target: string;
}

export interface DatasetTarArtifact extends PinnedDownload {
  readonly type: 'tar';
  /**
   * Member prefixes to extract: a member whose path starts with `from` is written to `to` + the rest of
   * its path (relative to the benchmark's folder). Members that match no prefix are skipped. Prefixes end
   * with '/'.
   */
  readonly members: readonly { readonly from: string; readonly to: string }[];
}

/** One file of a file set: its path under the set's base URL and its git blob id at the pinned commit. */
export interface GitBlobFile {
  readonly path: string;
  /** Lowercase hex git blob id (SHA-1 of `blob <length>\0` + content), as `git ls-tree` lists it. */
  readonly gitBlob: string;
}

/**
 * Many small repository files (JSONSchemaBench keeps one schema per file), each fetched from `${url}/${path}` and
 * checked against its git blob id, then converted together into one file at `target` (written atomically).
 */
export interface DatasetFileSetArtifact {
  readonly type: 'file-set';
  /** Base URL of the files, at the pinned commit (no trailing '/'). */
  readonly url: string;
  readonly files: readonly GitBlobFile[];
  /** Largest accepted size of one file in bytes; a longer body is cut off and refused. */
  readonly maxFileBytes: number;
  /** Path relative to the benchmark's folder, e.g. 'Github_easy.jsonl'. */
  readonly target: string;
  /**
   * The target file's text from the verified files, given in manifest order. Throws InputError naming the file
   * when one is not what the conversion expects.
   */
  readonly convert: (
    files: readonly { readonly path: string; readonly gitBlob: string; readonly bytes: Buffer }[],
  ) => string;
}

/** What pins an artifact's bytes: its SHA-256, or for a file set a digest of its files' git blob ids. */
export function artifactPin(artifact: DatasetArtifact): string {
  if (artifact.type !== 'file-set') return artifact.sha256;
  const listing = artifact.files.map((file) => `${file.gitBlob} ${file.path}`).join('\n');
  return createHash('sha256').update(listing).digest('hex');
}

/** Paths (relative to the benchmark's folder, no trailing '/') an artifact provides: a file or a folder. */
export function artifactTargets(artifact: DatasetArtifact): string[] {
  return artifact.type === 'file' || artifact.type === 'file-set'
    ? [artifact.target]
    : artifact.members.map((member) => member.to.replace(/\/+$/, ''));
}

/**
 * Whether downloading the artifact may provide `relativePath` (a file, or a folder to list): the path is
 * one of its targets, lies inside one, or is a folder that holds one. '' stands for the benchmark's folder.
 */
export function artifactProvides(artifact: DatasetArtifact, relativePath: string): boolean {
  const path = relativePath.replace(/\/+$/, '');
  return artifactTargets(artifact).some(
    (target) =>
      path === '' || target === path || path.startsWith(`${target}/`) || target.startsWith(`${path}/`),
  );
}
