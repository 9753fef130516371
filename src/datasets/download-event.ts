import type { DatasetLicense } from './dataset-manifest.ts';

/** Progress of fetching one URL. Byte counts are of the response body; `bytesTotal` is the pinned size. */
export type FileDownloadEvent =
  | { readonly type: 'download-start'; readonly url: string; readonly bytesTotal: number }
  /** After each received chunk. */
  | {
      readonly type: 'download-progress';
      readonly url: string;
      readonly bytesDone: number;
      readonly bytesTotal: number;
    }
  /** The file is complete and its size and SHA-256 matched. */
  | { readonly type: 'download-finish'; readonly url: string; readonly bytesTotal: number };

/** What a DatasetSource reports while it makes a benchmark's files available. */
export type DownloadEvent =
  /** Before a benchmark's first download from this source: where the files come from and their licence. */
  | {
      readonly type: 'license';
      readonly benchmark: string;
      readonly source: string;
      readonly license: DatasetLicense;
    }
  | (FileDownloadEvent & { readonly benchmark: string })
  /** Every file of a file set was downloaded and verified, and converted into `target`. */
  | {
      readonly type: 'file-set-finish';
      readonly benchmark: string;
      readonly url: string;
      readonly target: string;
      readonly fileCount: number;
    }
  /** A downloaded archive was unpacked into the cache: `fileCount` files written. */
  | {
      readonly type: 'extract-finish';
      readonly benchmark: string;
      readonly url: string;
      readonly fileCount: number;
    };
