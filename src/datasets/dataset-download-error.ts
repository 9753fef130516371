import { ParityError } from '../spec/index.ts';

/**
 * Downloading a dataset file failed: the network (DNS, connection, reset) or an HTTP error status.
 * `statusCode` is set for HTTP errors. The message says how to supply the files offline instead.
 */
export class DatasetDownloadError extends ParityError {
  readonly url: string;
  readonly statusCode: number | undefined;
  constructor(options: {
    url: string;
    reason: string;
    statusCode?: number;
    offlineHint: string;
    cause?: unknown;
  }) {
    super(`could not download ${options.url}: ${options.reason}. ${options.offlineHint}`, {
      exitCode: 1,
      cause: options.cause,
    });
    this.url = options.url;
    this.statusCode = options.statusCode;
  }
}
