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

/** One downloadable file: stored as is at `target`, or a tar archive whose members map onto the layout. */
export type DatasetArtifact = DatasetFileArtifact | DatasetTarArtifact;

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

/** Paths (relative to the benchmark's folder, no trailing '/') an artifact provides: a file or a folder. */
export function artifactTargets(artifact: DatasetArtifact): string[] {
  return artifact.type === 'file'
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
