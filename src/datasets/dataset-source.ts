import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../spec/index.ts';
import type { DatasetSource } from '../spec/index.ts';
import { artifactPin, artifactProvides, artifactTargets } from './dataset-manifest.ts';
import type { DatasetArtifact, DatasetManifest } from './dataset-manifest.ts';
import type { DownloadEvent, FileDownloadEvent } from './download-event.ts';
import { downloadFileSet } from './download-file-set.ts';
import { downloadVerifiedFile } from './download-verified-file.ts';
import { extractTar } from './tar.ts';

export interface DatasetSourceOptions {
  /** Folder holding one folder per benchmark in the upstream layout (`--data-dir`, PARITY_DATA_DIR). Looked at first. */
  readonly dataDir?: string;
  /**
   * Download cache, same layout: `<cacheDir>/<benchmark>/<relativePath>`. Bookkeeping (partial downloads,
   * completion markers) lives in `<cacheDir>/.parity-downloads/`.
   */
  readonly cacheDir: string;
  /** Used only for downloads. Default: the global fetch. */
  readonly fetch?: typeof fetch;
  /** When false, nothing is ever fetched; missing files throw InputError. */
  readonly allowDownload: boolean;
  /**
   * Pinned downloads per benchmark id (the benchmarks layer lists them: `datasetManifests` in
   * src/benchmarks/dataset-manifests.ts). Default: none, so nothing is downloaded.
   */
  readonly manifests?: Readonly<Record<string, DatasetManifest>>;
  readonly onProgress?: (event: DownloadEvent) => void;
  /**
   * Benchmarks whose non-commercial licence the user accepts now (`--accept-license`). Acceptance is
   * remembered in the cache, so it is given once per cache.
   */
  readonly acceptedLicenses?: readonly string[];
}

/**
 * A DatasetSource that looks, per file: (1) in `dataDir/<benchmark>/`, (2) in `cacheDir/<benchmark>/`,
 * (3) when `allowDownload` and the benchmark has a manifest, downloads the artifacts that provide the path
 * into the cache (verified against pinned SHA-256 and size) and looks again; (4) otherwise throws an
 * InputError naming the file, the places it looked and how to supply the files offline.
 * `listFiles` returns the names of regular files (dotfiles excluded), sorted by UTF-16 code unit order.
 * Concurrent calls share one download per artifact; a failed download is retried by the next call.
 */
export function createDatasetSource(options: DatasetSourceOptions): DatasetSource {
  const manifests = options.manifests ?? {};
  const bookkeepingDir = join(options.cacheDir, '.parity-downloads');
  const installs = new Map<string, Promise<void>>();
  const announced = new Set<string>();

  const acceptancePath = (benchmark: string) =>
    join(bookkeepingDir, 'accepted-licenses', `${benchmark}.json`);

  /**
   * Before a benchmark's first download: a non-commercial licence must have been accepted (now or before),
   * and the licence is reported once (the CLI prints it).
   */
  async function checkLicense(benchmark: string, manifest: DatasetManifest): Promise<void> {
    if (manifest.license.nonCommercial && !isFile(acceptancePath(benchmark))) {
      if (!(options.acceptedLicenses ?? []).includes(benchmark)) {
        throw new InputError(
          `the ${benchmark} data set is licensed ${manifest.license.name}, for non-commercial use only; ` +
            `to download it, accept its licence once with --accept-license ${benchmark}`,
          { location: benchmark },
        );
      }
      await mkdir(join(bookkeepingDir, 'accepted-licenses'), { recursive: true });
      await writeFile(
        acceptancePath(benchmark),
        `${JSON.stringify({ benchmark, license: manifest.license.name, source: manifest.source })}\n`,
      );
    }
    if (!announced.has(benchmark)) {
      announced.add(benchmark);
      options.onProgress?.({
        type: 'license',
        benchmark,
        source: manifest.source,
        license: manifest.license,
      });
    }
  }

  const markerPath = (benchmark: string, artifact: DatasetArtifact) =>
    join(bookkeepingDir, 'complete', `${artifactKey(benchmark, artifact)}.json`);

  /** Artifacts of the benchmark that provide `path` and have not been installed into the cache yet. */
  async function pendingArtifacts(benchmark: string, path: string): Promise<DatasetArtifact[]> {
    const manifest = Object.hasOwn(manifests, benchmark) ? manifests[benchmark] : undefined;
    if (!options.allowDownload || !manifest) return [];
    const pending: DatasetArtifact[] = [];
    for (const artifact of manifest.artifacts) {
      if (artifactProvides(artifact, path) && !(await isInstalled(benchmark, manifest, artifact)))
        pending.push(artifact);
    }
    return pending;
  }

  /** Installed: its marker exists (or, for caches written before markers named targets, the checksum's). */
  async function isInstalled(
    benchmark: string,
    manifest: DatasetManifest,
    artifact: DatasetArtifact,
  ): Promise<boolean> {
    if (isFile(markerPath(benchmark, artifact))) return true;
    if (artifact.type === 'file-set') return false;
    const sharesBytes = manifest.artifacts.some(
      (other) => other !== artifact && artifactPin(other) === artifact.sha256,
    );
    return !sharesBytes && isFile(join(bookkeepingDir, 'complete', `${benchmark}-${artifact.sha256}.json`));
  }

  function install(benchmark: string, artifact: DatasetArtifact): Promise<void> {
    const key = artifactKey(benchmark, artifact);
    let running = installs.get(key);
    if (!running) {
      running = installArtifact(benchmark, artifact).catch((error: unknown) => {
        installs.delete(key);
        throw error;
      });
      installs.set(key, running);
    }
    return running;
  }

  async function installArtifact(benchmark: string, artifact: DatasetArtifact): Promise<void> {
    const benchmarkDir = join(options.cacheDir, benchmark);
    const temporaryDir = join(bookkeepingDir, 'tmp');
    const onProgress = options.onProgress;
    if (artifact.type === 'file-set') {
      await downloadFileSet({
        artifact,
        destinationPath: join(benchmarkDir, artifact.target),
        temporaryDir,
        fetch: options.fetch ?? globalThis.fetch,
        offlineHint: offlineHint(benchmark, ''),
        onProgress: (event) => onProgress?.({ ...event, benchmark }),
      });
      await mkdir(join(bookkeepingDir, 'complete'), { recursive: true });
      await writeFile(
        markerPath(benchmark, artifact),
        `${JSON.stringify({ benchmark, url: artifact.url })}\n`,
      );
      return;
    }
    const download = {
      urls: [artifact.url, ...(artifact.mirrors ?? [])],
      sha256: artifact.sha256,
      sizeBytes: artifact.sizeBytes,
      temporaryDir,
      fetch: options.fetch ?? globalThis.fetch,
      offlineHint: offlineHint(benchmark, ''),
      onProgress: (event: FileDownloadEvent) => onProgress?.({ ...event, benchmark }),
    };
    if (artifact.type === 'file') {
      await downloadVerifiedFile({
        ...download,
        destinationPath: join(benchmarkDir, artifact.target),
      });
    } else {
      await mkdir(temporaryDir, { recursive: true });
      const archiveDir = await mkdtemp(join(temporaryDir, 'archive-'));
      try {
        const archivePath = join(archiveDir, 'archive.tar');
        await downloadVerifiedFile({
          ...download,
          destinationPath: archivePath,
        });
        const written = await extractTar({
          archivePath,
          destinationDir: benchmarkDir,
          mapPath: (memberPath) => mapMember(artifact.members, memberPath),
        });
        onProgress?.({ type: 'extract-finish', benchmark, url: artifact.url, fileCount: written.length });
      } finally {
        await rm(archiveDir, { recursive: true, force: true });
      }
    }
    await mkdir(join(bookkeepingDir, 'complete'), { recursive: true });
    await writeFile(markerPath(benchmark, artifact), `${JSON.stringify({ benchmark, url: artifact.url })}\n`);
  }

  /**
   * Downloads the pending artifacts that provide `path`. Returns the sentence to show if the path is
   * still missing afterwards (why no download helped).
   */
  async function makeAvailable(benchmark: string, path: string): Promise<string> {
    const manifest = Object.hasOwn(manifests, benchmark) ? manifests[benchmark] : undefined;
    if (!manifest) return `parity has no download for benchmark "${benchmark}".`;
    if (!options.allowDownload) return 'Downloading is turned off.';
    const pending = await pendingArtifacts(benchmark, path);
    if (pending.length === 0) return `The ${benchmark} download (${manifest.source}) does not provide it.`;
    await checkLicense(benchmark, manifest);
    await Promise.all(pending.map((artifact) => install(benchmark, artifact)));
    return `The ${benchmark} download (${manifest.source}) does not provide it.`;
  }

  function candidates(benchmark: string, path: string): string[] {
    const roots = options.dataDir === undefined ? [options.cacheDir] : [options.dataDir, options.cacheDir];
    return roots.map((root) => join(root, benchmark, path));
  }

  function missing(what: 'file' | 'folder', benchmark: string, path: string, reason: string): InputError {
    const looked = candidates(benchmark, path).map((candidate) => `\n  ${candidate}`);
    return new InputError(
      `dataset ${what} not found. Looked in:${looked.join('')}\n${reason} ${offlineHint(benchmark, path)}`,
      { location: `${benchmark}/${path}` },
    );
  }

  return {
    async resolveFile(benchmark, relativePath) {
      const path = checkRelativePath(benchmark, relativePath, { allowRoot: false });
      for (const candidate of candidates(benchmark, path)) if (isFile(candidate)) return candidate;
      const reason = await makeAvailable(benchmark, path);
      const cached = join(options.cacheDir, benchmark, path);
      if (isFile(cached)) return cached;
      throw missing('file', benchmark, path, reason);
    },

    async listFiles(benchmark, relativeDir) {
      const path = checkRelativePath(benchmark, relativeDir, { allowRoot: true });
      if (options.dataDir !== undefined) {
        const fromData = join(options.dataDir, benchmark, path);
        if (isDirectory(fromData)) return listRegularFiles(fromData);
      }
      const cached = join(options.cacheDir, benchmark, path);
      // A cached folder counts only once every download that fills it is complete.
      if ((await pendingArtifacts(benchmark, path)).length === 0 && isDirectory(cached)) {
        return listRegularFiles(cached);
      }
      const reason = await makeAvailable(benchmark, path);
      if (isDirectory(cached)) return listRegularFiles(cached);
      throw missing('folder', benchmark, path, reason);
    },
  };
}

/**
 * Names an artifact's completion marker and its shared download. The checksum alone is not enough: two files
 * of one benchmark may have the same bytes (BBH's three logical_deduction tasks share one prompt file), and
 * each must still be written to its own place.
 */
function artifactKey(benchmark: string, artifact: DatasetArtifact): string {
  const targets = createHash('sha256').update(artifactTargets(artifact).join('\n')).digest('hex');
  return `${benchmark}-${artifactPin(artifact)}-${targets.slice(0, 16)}`;
}

function offlineHint(benchmark: string, path: string): string {
  const example = `<folder>/${benchmark}/${path}`;
  return (
    `To work offline, put the upstream files in a folder laid out as ${example} ` +
    '(the layout in docs/datasets.md) and pass it with --data-dir <folder> or PARITY_DATA_DIR=<folder>.'
  );
}

function mapMember(members: readonly { from: string; to: string }[], memberPath: string): string | undefined {
  // macOS archivers add "._name" AppleDouble files; they are metadata, not data.
  if (memberPath.split('/').some((segment) => segment.startsWith('._'))) return undefined;
  const member = members.find((candidate) => memberPath.startsWith(candidate.from));
  return member ? `${member.to}${memberPath.slice(member.from.length)}` : undefined;
}

/** Normalises a path relative to a benchmark's folder; '' or '.' is the folder itself (when allowed). */
function checkRelativePath(benchmark: string, relativePath: string, options: { allowRoot: boolean }): string {
  const where = `${benchmark}/${relativePath}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(benchmark)) {
    throw new InputError(`invalid benchmark id ${JSON.stringify(benchmark)}`, { location: where });
  }
  const segments = relativePath.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.');
  if (isAbsolute(relativePath) || segments.includes('..')) {
    throw new InputError('dataset paths must stay inside the benchmark folder', { location: where });
  }
  if (segments.length === 0 && !options.allowRoot) {
    throw new InputError('empty dataset file path', { location: where });
  }
  return segments.join('/');
}

async function listRegularFiles(folder: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    // A regular file as listed; a link (or a file system that does not say) counts by what it points at.
    if (entry.isFile() || (!entry.isDirectory() && isFile(join(folder, entry.name)))) names.push(entry.name);
  }
  return names.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}

/** Whether `path` is (or links to) a regular file; false when it is missing or cannot be read. */
function isFile(path: string): boolean {
  return statOrUndefined(path)?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statOrUndefined(path)?.isDirectory() ?? false;
}

// A synchronous stat (a few microseconds) instead of a round trip through the thread pool: a run resolves two files
// per subject before its first request.
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
