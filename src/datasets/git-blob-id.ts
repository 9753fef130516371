import { createHash } from 'node:crypto';

/**
 * The id git gives a file's content: lowercase hex SHA-1 of `blob <byte length>\0` followed by the bytes
 * (what `git hash-object` prints). Pins a file of a repository at a commit without knowing its size beforehand.
 */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
