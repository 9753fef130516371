import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatasetFileSetArtifact, GitBlobFile } from './dataset-manifest.ts';
import { DatasetDownloadError } from './dataset-download-error.ts';
import { gitBlobId } from './git-blob-id.ts';
import { GitBlobMismatchError } from './git-blob-mismatch-error.ts';

/** How many files of a set are fetched at once. */
const concurrency = 8;

export interface FileSetDownloadOptions {
  readonly artifact: DatasetFileSetArtifact;
  /** Where the converted file ends up (renamed into place, so it appears complete or not at all). */
  readonly destinationPath: string;
  /** Folder for the partial file; must be on the same file system as `destinationPath`. */
  readonly temporaryDir: string;
  readonly fetch: typeof fetch;
  /** Sentence appended to network error messages, telling how to supply the files without a download. */
  readonly offlineHint: string;
  readonly onProgress?: (event: {
    readonly type: 'file-set-finish';
    readonly url: string;
    readonly target: string;
    readonly fileCount: number;
  }) => void;
}

/**
 * Downloads every file of the set (at most `concurrency` at a time), checks each against its git blob id, converts
 * them (in manifest order) and writes the result to `destinationPath` atomically. Throws GitBlobMismatchError
 * naming the first file with other bytes, DatasetDownloadError on a network or HTTP error; nothing is written then.
 */
export async function downloadFileSet(options: FileSetDownloadOptions): Promise<void> {
  const { artifact } = options;
  const contents: Buffer[] = new Array<Buffer>(artifact.files.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < artifact.files.length) {
      const index = next;
      next += 1;
      const file = artifact.files[index] as GitBlobFile;
      try {
        contents[index] = await fetchVerified(options, file);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, artifact.files.length) }, worker),
  );
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;

  const text = artifact.convert(
    artifact.files.map((file, index) => ({
      path: file.path,
      gitBlob: file.gitBlob,
      bytes: contents[index] as Buffer,
    })),
  );
  await mkdir(options.temporaryDir, { recursive: true });
  const workDir = await mkdtemp(join(options.temporaryDir, 'file-set-'));
  try {
    const partialPath = join(workDir, 'partial');
    await writeFile(partialPath, text);
    await mkdir(dirname(options.destinationPath), { recursive: true });
    await rename(partialPath, options.destinationPath);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  options.onProgress?.({
    type: 'file-set-finish',
    url: artifact.url,
    target: artifact.target,
    fileCount: artifact.files.length,
  });
}

async function fetchVerified(options: FileSetDownloadOptions, file: GitBlobFile): Promise<Buffer> {
  const url = `${options.artifact.url}/${file.path.split('/').map(encodeURIComponent).join('/')}`;
  const networkError = (reason: string, extra: { statusCode?: number; cause?: unknown } = {}) =>
    new DatasetDownloadError({ url, reason, offlineHint: options.offlineHint, ...extra });
  let response: Response;
  try {
    response = await options.fetch(url, { redirect: 'follow' });
  } catch (cause) {
    throw networkError(`network error (${describe(cause)})`, { cause });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw networkError(`HTTP ${response.status} ${response.statusText}`.trim(), {
      statusCode: response.status,
    });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      throw networkError(`connection failed after ${size} bytes (${describe(cause)})`, { cause });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > options.artifact.maxFileBytes) {
      // A wrong file can be huge; stop instead of filling memory.
      await reader.cancel().catch(() => undefined);
      throw new GitBlobMismatchError({
        url,
        path: file.path,
        expectedGitBlob: file.gitBlob,
        actualGitBlob: `(not computed: longer than ${options.artifact.maxFileBytes} bytes)`,
      });
    }
    chunks.push(chunk.value);
  }
  const bytes = Buffer.concat(chunks);
  const actual = gitBlobId(bytes);
  if (actual !== file.gitBlob) {
    throw new GitBlobMismatchError({
      url,
      path: file.path,
      expectedGitBlob: file.gitBlob,
      actualGitBlob: actual,
    });
  }
  return bytes;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
