import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A file read as UTF-8 text, one chunk at a time. */
export interface TextChunks {
  /** The next piece of the file's text, or undefined at its end. */
  next(): string | undefined;
  close(): void;
}

/** Opens files for reading in chunks; injected so that tests can count what is opened and read. */
export interface TextFiles {
  open(path: string): TextChunks;
}

/** Bytes read at a time by `nodeTextFiles`. */
export const defaultChunkBytes = 16 * 1024;

/** Files on disk, read with synchronous reads of `chunkBytes` (a UTF-8 sequence split between reads is kept whole). */
export function nodeTextFiles(options: { chunkBytes?: number } = {}): TextFiles {
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  return {
    open(path) {
      const descriptor = openSync(path, 'r');
      const decoder = new StringDecoder('utf8');
      const buffer = Buffer.allocUnsafe(chunkBytes);
      let open = true;
      return {
        next() {
          while (open) {
            const read = readSync(descriptor, buffer, 0, chunkBytes, null);
            if (read === 0) {
              this.close();
              const rest = decoder.end();
              return rest === '' ? undefined : rest;
            }
            const text = decoder.write(buffer.subarray(0, read));
            if (text !== '') return text;
          }
          return undefined;
        },
        close() {
          if (!open) return;
          open = false;
          closeSync(descriptor);
        },
      };
    },
  };
}
