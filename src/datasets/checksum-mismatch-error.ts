import { InputError } from '../spec/index.ts';

/**
 * A download did not have the pinned SHA-256 or size. The partial file has been deleted. An InputError
 * (exit code 2): the data offered by the server is not the data the manifest names.
 */
export class ChecksumMismatchError extends InputError {
  readonly url: string;
  readonly expectedSha256: string;
  readonly actualSha256: string;
  readonly expectedSizeBytes: number;
  readonly actualSizeBytes: number;
  constructor(options: {
    url: string;
    expectedSha256: string;
    actualSha256: string;
    expectedSizeBytes: number;
    actualSizeBytes: number;
  }) {
    const sizes =
      options.expectedSizeBytes === options.actualSizeBytes
        ? ''
        : `; expected ${options.expectedSizeBytes} bytes, got ${options.actualSizeBytes}`;
    super(
      `checksum mismatch: expected sha256 ${options.expectedSha256}, got ${options.actualSha256}${sizes}. ` +
        'The download was deleted; the server may have changed the file.',
      { location: options.url },
    );
    this.url = options.url;
    this.expectedSha256 = options.expectedSha256;
    this.actualSha256 = options.actualSha256;
    this.expectedSizeBytes = options.expectedSizeBytes;
    this.actualSizeBytes = options.actualSizeBytes;
  }
}
