import { open, mkdir, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute, sep } from 'node:path';
import { InputError } from '../spec/index.ts';

/** Tar blocks are 512 bytes; headers take one block and contents are padded to a whole block. */
const blockBytes = 512;

/** One member of a tar archive. */
export interface TarEntry {
  /** Member path with '/' separators and no leading './' (pax and GNU long names applied). */
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  /** Content length in bytes (0 for anything but regular files). */
  readonly sizeBytes: number;
  /** Byte offset of the content inside the archive. */
  readonly contentOffset: number;
}

/**
 * Reads the members of a ustar, GNU or pax tar archive, in archive order. GNU long names ('L'), pax
 * `path`/`size` records ('x') and the ustar prefix field are applied; pax global headers are skipped.
 * Throws InputError (naming the archive) on a bad header checksum, a truncated archive or a member path
 * that is absolute or contains '..'.
 */
export async function readTarEntries(archivePath: string): Promise<TarEntry[]> {
  const handle = await open(archivePath, 'r');
  try {
    const { size: archiveBytes } = await handle.stat();
    const entries: TarEntry[] = [];
    let offset = 0;
    let longName: string | undefined;
    let paxRecords: Map<string, string> | undefined;
    while (offset + blockBytes <= archiveBytes) {
      const header = await readExactly(handle, offset, blockBytes, archivePath);
      if (header.every((byte) => byte === 0)) break;
      verifyChecksum(header, { archivePath, offset });
      const typeFlag = String.fromCharCode(header[156] ?? 0);
      const contentOffset = offset + blockBytes;
      let sizeBytes = parseNumber(header.subarray(124, 136));
      if (paxRecords?.has('size')) sizeBytes = Number(paxRecords.get('size'));
      if (contentOffset + sizeBytes > archiveBytes) {
        throw new InputError('tar archive is truncated', { location: `${archivePath} at byte ${offset}` });
      }
      offset = contentOffset + Math.ceil(sizeBytes / blockBytes) * blockBytes;

      if (typeFlag === 'L') {
        longName = trimNul(await readExactly(handle, contentOffset, sizeBytes, archivePath));
        continue;
      }
      if (typeFlag === 'x') {
        paxRecords = parsePaxRecords(await readExactly(handle, contentOffset, sizeBytes, archivePath));
        continue;
      }
      if (typeFlag === 'g' || typeFlag === 'K') continue;

      const rawPath = paxRecords?.get('path') ?? longName ?? headerPath(header);
      longName = undefined;
      paxRecords = undefined;
      const type = entryType(typeFlag);
      entries.push({
        path: safeMemberPath(rawPath, archivePath),
        type,
        sizeBytes: type === 'file' ? sizeBytes : 0,
        contentOffset,
      });
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Extracts regular files from an archive. `mapPath` turns a member path into a path relative to
 * `destinationDir`, or undefined to skip the member (default: keep every file at its own path).
 * Each file is written beside its target under a temporary dot-name and renamed, so a file that exists
 * is complete. Returns the written paths relative to `destinationDir`, in archive order.
 */
export async function extractTar(options: {
  archivePath: string;
  destinationDir: string;
  mapPath?: (memberPath: string) => string | undefined;
}): Promise<string[]> {
  const { archivePath, destinationDir } = options;
  const entries = await readTarEntries(archivePath);
  const written: string[] = [];
  const handle = await open(archivePath, 'r');
  try {
    for (const entry of entries) {
      if (entry.type !== 'file') continue;
      const target = options.mapPath ? options.mapPath(entry.path) : entry.path;
      if (target === undefined) continue;
      const destination = join(destinationDir, safeMemberPath(target, archivePath));
      const inside = relative(destinationDir, destination);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        throw new InputError(`member path ${JSON.stringify(target)} leaves the destination folder`, {
          location: archivePath,
        });
      }
      await mkdir(dirname(destination), { recursive: true });
      // A leading dot keeps an interrupted file out of folder listings (DatasetSource skips dotfiles).
      const temporary = join(dirname(destination), `.${basename(destination)}.partial`);
      await copyRange(handle, {
        archivePath,
        offset: entry.contentOffset,
        sizeBytes: entry.sizeBytes,
        to: temporary,
      });
      await rename(temporary, destination);
      written.push(inside.split(sep).join('/'));
    }
  } finally {
    await handle.close();
  }
  return written;
}

/** Normalises a member path and refuses absolute paths and '..' segments. */
function safeMemberPath(rawPath: string, archivePath: string): string {
  const refuse = (reason: string): never => {
    throw new InputError(`refusing tar member ${JSON.stringify(rawPath)}: ${reason}`, {
      location: archivePath,
    });
  };
  if (rawPath.startsWith('/') || rawPath.startsWith('\\') || /^[A-Za-z]:/.test(rawPath))
    refuse('absolute path');
  const segments = rawPath.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) refuse("path contains '..'");
  if (segments.length === 0) refuse('empty path');
  return segments.join('/');
}

function entryType(typeFlag: string): TarEntry['type'] {
  switch (typeFlag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** name (0..100), joined with the ustar prefix (345..500) when the magic is POSIX 'ustar\0'. */
function headerPath(header: Buffer): string {
  const name = trimNul(header.subarray(0, 100));
  const magic = header.subarray(257, 263).toString('latin1');
  if (magic !== 'ustar\0') return name;
  const prefix = trimNul(header.subarray(345, 500));
  return prefix ? `${prefix}/${name}` : name;
}

function trimNul(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

/** Octal ASCII, or base-256 (big-endian, high bit of the first byte set) for large values. */
function parseNumber(field: Buffer): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/g, '')
    .trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function verifyChecksum(header: Buffer, context: { archivePath: string; offset: number }): void {
  const stored = parseNumber(header.subarray(148, 156));
  let sum = 0;
  for (let index = 0; index < blockBytes; index++) {
    sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
  }
  if (sum !== stored) {
    throw new InputError('not a tar archive, or a corrupt header (checksum mismatch)', {
      location: `${context.archivePath} at byte ${context.offset}`,
    });
  }
}

/** pax records are "<length> <key>=<value>\n", length counting the whole record in bytes. */
function parsePaxRecords(bytes: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let position = 0;
  while (position < bytes.length) {
    const space = bytes.indexOf(0x20, position);
    if (space === -1) break;
    const length = parseInt(bytes.subarray(position, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = bytes.subarray(space + 1, position + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals !== -1) records.set(record.slice(0, equals), record.slice(equals + 1));
    position += length;
  }
  return records;
}

async function readExactly(
  handle: FileHandle,
  offset: number,
  length: number,
  archivePath: string,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  if (bytesRead !== length) {
    throw new InputError('tar archive is truncated', { location: `${archivePath} at byte ${offset}` });
  }
  return buffer;
}

/** Copies `sizeBytes` from `offset` of the archive into a new file, in 1 MiB chunks. */
async function copyRange(
  handle: FileHandle,
  range: { archivePath: string; offset: number; sizeBytes: number; to: string },
): Promise<void> {
  const output = await open(range.to, 'w');
  try {
    const chunk = Buffer.alloc(Math.min(range.sizeBytes, 1024 * 1024));
    let done = 0;
    while (done < range.sizeBytes) {
      const length = Math.min(chunk.length, range.sizeBytes - done);
      const { bytesRead } = await handle.read(chunk, 0, length, range.offset + done);
      if (bytesRead === 0)
        throw new InputError('tar archive is truncated', {
          location: `${range.archivePath} at byte ${range.offset + done}`,
        });
      await output.write(chunk, 0, bytesRead);
      done += bytesRead;
    }
  } catch (error) {
    await output.close();
    await rm(range.to, { force: true });
    throw error;
  }
  await output.close();
}
