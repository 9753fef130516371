import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ChecksumMismatchError } from './checksum-mismatch-error.ts';
import { DatasetDownloadError } from './dataset-download-error.ts';
import type { FileDownloadEvent } from './download-event.ts';

export interface VerifiedDownloadOptions {
  /** URLs tried in order until one yields the pinned bytes. */
  readonly urls: readonly string[];
  /** Lowercase hex SHA-256 the bytes must have. */
  readonly sha256: string;
  /** Exact size in bytes the download must have; a body that grows past it is cut off. */
  readonly sizeBytes: number;
  /** Where the verified file ends up (renamed into place, so it appears complete or not at all). */
  readonly destinationPath: string;
  /** Folder for the partial file; must be on the same file system as `destinationPath`. */
  readonly temporaryDir: string;
  readonly fetch: typeof fetch;
  /** Sentence appended to network error messages, telling how to supply the files without a download. */
  readonly offlineHint: string;
  readonly onProgress?: (event: FileDownloadEvent) => void;
}

/**
 * Downloads a pinned file: streams the body to a temporary file, checks size and SHA-256, then renames it
 * to `destinationPath`. On failure nothing is left behind. Throws ChecksumMismatchError when some URL
 * served other bytes (and no later URL served the right ones), else DatasetDownloadError for the first URL.
 */
export async function downloadVerifiedFile(options: VerifiedDownloadOptions): Promise<void> {
  await mkdir(options.temporaryDir, { recursive: true });
  const workDir = await mkdtemp(join(options.temporaryDir, 'download-'));
  const errors: unknown[] = [];
  try {
    for (const url of options.urls) {
      const partialPath = join(workDir, 'partial');
      try {
        await fetchToFile({ ...options, url, partialPath });
        await mkdir(dirname(options.destinationPath), { recursive: true });
        await rename(partialPath, options.destinationPath);
        return;
      } catch (error) {
        await rm(partialPath, { force: true });
        if (!(error instanceof ChecksumMismatchError || error instanceof DatasetDownloadError)) throw error;
        errors.push(error);
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  throw errors.find((error) => error instanceof ChecksumMismatchError) ?? errors[0];
}

async function fetchToFile(
  options: VerifiedDownloadOptions & { readonly url: string; readonly partialPath: string },
): Promise<void> {
  const { url, sizeBytes: bytesTotal } = options;
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

  options.onProgress?.({ type: 'download-start', url, bytesTotal });
  const hash = createHash('sha256');
  const file = await open(options.partialPath, 'w');
  let bytesDone = 0;
  let oversized = false;
  try {
    const reader = response.body.getReader();
    const readChunk = async () => {
      try {
        return await reader.read();
      } catch (cause) {
        throw networkError(`connection failed after ${bytesDone} bytes (${describe(cause)})`, { cause });
      }
    };
    for (;;) {
      const chunk = await readChunk();
      if (chunk.done) break;
      bytesDone += chunk.value.byteLength;
      if (bytesDone > bytesTotal) {
        // A wrong file can be huge; stop instead of filling the disk.
        oversized = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
      hash.update(chunk.value);
      await file.write(chunk.value);
      options.onProgress?.({ type: 'download-progress', url, bytesDone, bytesTotal });
    }
  } finally {
    await file.close();
  }

  const actualSha256 = oversized ? '(not computed: the body is longer than expected)' : hash.digest('hex');
  if (oversized || bytesDone !== bytesTotal || actualSha256 !== options.sha256) {
    throw new ChecksumMismatchError({
      url,
      expectedSha256: options.sha256,
      actualSha256,
      expectedSizeBytes: bytesTotal,
      actualSizeBytes: bytesDone,
    });
  }
  options.onProgress?.({ type: 'download-finish', url, bytesTotal });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici puts the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
