import { InputError } from '../spec/index.ts';

/**
 * A downloaded file did not have its pinned git blob id (or was larger than allowed). Nothing was written. An
 * InputError (exit code 2): the server offered other bytes than the manifest names.
 */
export class GitBlobMismatchError extends InputError {
  readonly url: string;
  readonly path: string;
  readonly expectedGitBlob: string;
  readonly actualGitBlob: string;
  constructor(options: { url: string; path: string; expectedGitBlob: string; actualGitBlob: string }) {
    super(
      `checksum mismatch for ${options.path}: expected git blob ${options.expectedGitBlob}, got ` +
        `${options.actualGitBlob}. Nothing was written; the server may have changed the file.`,
      { location: options.url },
    );
    this.url = options.url;
    this.path = options.path;
    this.expectedGitBlob = options.expectedGitBlob;
    this.actualGitBlob = options.actualGitBlob;
  }
}
