import { isLowerCased, ResponseHeaders, trimmedSlice } from './http1-response-headers.ts';

/** Most bytes of a response head (status line and header fields), as node:http's default `maxHeaderSize`. */
export const maxResponseHeadBytes = 16 * 1024;
/** Most bytes of one chunk-size line (chunk extensions included) or of a chunked body's trailer section. */
const maxChunkLineBytes = 16 * 1024;

/** What the parser reports about the one response it reads. */
export interface ResponseParserEvents {
  /** The final (non-1xx) status and header fields. */
  head(status: number, headers: ResponseHeaders): void;
  /** A piece of the body, de-chunked: a view of the bytes read, valid only during the call (copy to keep). */
  body(bytes: Buffer): void;
  /**
   * The body is over. `reusable`: the connection may carry another request (HTTP/1.1 without `connection:
   * close`, or HTTP/1.0 with `keep-alive`; a body framed by its length or by chunks; nothing read past it).
   */
  complete(reusable: boolean): void;
}

/** A response that breaks HTTP/1.1 framing, or a head past the size limit. */
export class ResponseParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseParseError';
  }
}

const enum State {
  Head,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailer,
  Length,
  UntilClose,
  Done,
}

const blankLine = Buffer.from('\r\n\r\n');

/** Whether the comma-separated `list` holds `token` (compared without case, blanks around items ignored). */
function hasToken(list: string | null, token: string): boolean {
  if (list === null) return false;
  let start = 0;
  for (;;) {
    let end = list.indexOf(',', start);
    if (end === -1) end = list.length;
    if (end - start >= token.length && trimmedSlice(list, start, end).toLowerCase() === token) return true;
    if (end === list.length) return false;
    start = end + 1;
  }
}

/** Whether the last coding of a `transfer-encoding` list is `chunked`. */
function lastTokenIsChunked(list: string): boolean {
  return hasToken(list.slice(list.lastIndexOf(',') + 1), 'chunked');
}

/**
 * Reads one HTTP/1.1 response from the bytes of a socket (RFC 9112): interim 1xx responses skipped; the body
 * framed by `transfer-encoding: chunked` (extensions and trailers read and dropped), else `content-length`,
 * else the end of the connection; 204 and 304 have none. Throws ResponseParseError on bytes that break the
 * framing, and on a head or chunk line that outgrows its limit (a hostile server cannot grow memory that way).
 */
export class Http1ResponseParser {
  private state = State.Head;
  private pending: Buffer | undefined;
  private remaining = 0;
  private trailerBytes = 0;
  private keepAlive = false;
  private stopped = false;
  /** Whether any byte of the response arrived. */
  sawBytes = false;
  /** Whether the final head was delivered. */
  sawHead = false;

  constructor(private readonly events: ResponseParserEvents) {}

  /** Whether the body runs until the connection ends (so an end of connection completes it). */
  get readsUntilClose(): boolean {
    return this.state === State.UntilClose;
  }

  /** Ready for the next response on the same connection. */
  reset(): void {
    this.state = State.Head;
    this.pending = undefined;
    this.remaining = 0;
    this.keepAlive = false;
    this.stopped = false;
    this.sawBytes = false;
    this.sawHead = false;
  }

  /** Nothing more is reported (the caller gave the response up). */
  stop(): void {
    this.stopped = true;
  }

  /** The connection ended: completes a body read until close. Returns whether it did. */
  close(): boolean {
    if (this.state !== State.UntilClose || this.stopped) return false;
    this.state = State.Done;
    this.events.complete(false);
    return true;
  }

  push(input: Buffer): void {
    if (input.length === 0) return;
    this.sawBytes = true;
    let buffer = input;
    if (this.pending !== undefined) {
      buffer = Buffer.concat([this.pending, input]);
      this.pending = undefined;
    }
    let at = 0;
    while (at < buffer.length && !this.stopped) {
      switch (this.state) {
        case State.Head: {
          const end = buffer.indexOf(blankLine, at);
          if (end === -1 || end - at > maxResponseHeadBytes) {
            if (buffer.length - at > maxResponseHeadBytes) {
              throw new ResponseParseError(`response head larger than ${maxResponseHeadBytes} bytes`);
            }
            this.pending = Buffer.from(buffer.subarray(at));
            return;
          }
          const head = buffer.toString('latin1', at, end);
          at = end + 4;
          this.readHead(head);
          // readHead moved the state on.
          if ((this.state as State) === State.Done && !this.stopped) this.finish(at < buffer.length);
          break;
        }
        case State.ChunkSize: {
          const end = crlfWithin(buffer, at, maxChunkLineBytes);
          if (end === -1) {
            if (buffer.length - at > maxChunkLineBytes) {
              throw new ResponseParseError(`chunk-size line longer than ${maxChunkLineBytes} bytes`);
            }
            this.pending = Buffer.from(buffer.subarray(at));
            return;
          }
          const size = chunkSize(buffer, at, end);
          at = end + 2;
          if (size === 0) {
            this.state = State.Trailer;
            this.trailerBytes = 0;
          } else {
            this.remaining = size;
            this.state = State.ChunkData;
          }
          break;
        }
        case State.ChunkData:
        case State.Length: {
          const take = Math.min(this.remaining, buffer.length - at);
          const piece = at === 0 && take === buffer.length ? buffer : buffer.subarray(at, at + take);
          at += take;
          this.remaining -= take;
          if (this.remaining === 0)
            this.state = this.state === State.Length ? State.Done : State.ChunkDataEnd;
          this.events.body(piece);
          if (this.state === State.Done && !this.stopped) this.finish(at < buffer.length);
          break;
        }
        case State.ChunkDataEnd: {
          if (buffer.length - at < 2) {
            this.pending = Buffer.from(buffer.subarray(at));
            return;
          }
          if (buffer[at] !== 13 || buffer[at + 1] !== 10) {
            throw new ResponseParseError('chunk data not followed by CRLF');
          }
          at += 2;
          this.state = State.ChunkSize;
          break;
        }
        case State.Trailer: {
          const end = crlfWithin(buffer, at, buffer.length);
          if (end === -1) {
            if (this.trailerBytes + buffer.length - at > maxChunkLineBytes) {
              throw new ResponseParseError(`trailer section larger than ${maxChunkLineBytes} bytes`);
            }
            this.pending = Buffer.from(buffer.subarray(at));
            return;
          }
          this.trailerBytes += end + 2 - at;
          if (this.trailerBytes > maxChunkLineBytes) {
            throw new ResponseParseError(`trailer section larger than ${maxChunkLineBytes} bytes`);
          }
          const empty = end === at;
          at = end + 2;
          if (empty) {
            this.state = State.Done;
            this.finish(at < buffer.length);
          }
          break;
        }
        case State.UntilClose: {
          this.events.body(at === 0 ? buffer : buffer.subarray(at));
          at = buffer.length;
          break;
        }
        case State.Done:
          // Bytes past the end of the response: the connection is not reused (finish saw them).
          return;
      }
    }
  }

  private finish(bytesLeft: boolean): void {
    this.events.complete(this.keepAlive && !bytesLeft);
  }

  private readHead(head: string): void {
    // Lines found with indexOf and the status line read from character codes: no array of lines, no match
    // object, no string per field (this runs once per response).
    let lineEnd = head.indexOf('\r\n');
    if (lineEnd === -1) lineEnd = head.length;
    const minor = statusLineMinor(head, lineEnd);
    if (minor === -1) {
      throw new ResponseParseError(`malformed status line "${head.slice(0, Math.min(lineEnd, 80))}"`);
    }
    const status =
      (head.charCodeAt(9) - 48) * 100 + (head.charCodeAt(10) - 48) * 10 + (head.charCodeAt(11) - 48);
    // Where each field lies; the headers read them from the head when asked (most never are).
    const spans: number[] = [];
    // The fields that frame the body, found while the fields are read (repeats joined as node joins them).
    let connection: string | null = null;
    let transferEncoding: string | null = null;
    let contentLength: string | null = null;
    while (lineEnd < head.length) {
      const start = lineEnd + 2;
      lineEnd = head.indexOf('\r\n', start);
      if (lineEnd === -1) lineEnd = head.length;
      const colon = head.indexOf(':', start);
      if (colon <= start || colon >= lineEnd) {
        throw new ResponseParseError(
          `malformed header line "${head.slice(start, Math.min(lineEnd, start + 80))}"`,
        );
      }
      spans.push(start, colon, lineEnd);
      switch (colon - start) {
        case 10:
          if (isLowerCased(head, start, 'connection')) {
            const value = trimmedSlice(head, colon + 1, lineEnd);
            connection = connection === null ? value : `${connection}, ${value}`;
          }
          break;
        case 17:
          if (isLowerCased(head, start, 'transfer-encoding')) {
            const value = trimmedSlice(head, colon + 1, lineEnd);
            transferEncoding = transferEncoding === null ? value : `${transferEncoding}, ${value}`;
          }
          break;
        case 14:
          if (contentLength === null && isLowerCased(head, start, 'content-length')) {
            contentLength = trimmedSlice(head, colon + 1, lineEnd);
          }
          break;
        default:
      }
    }
    if (status < 200) {
      // 100 Continue, 102, 103 Early Hints: the real response follows. 101 would switch protocols.
      if (status === 101) throw new ResponseParseError('unexpected 101 Switching Protocols');
      return;
    }
    this.keepAlive = minor === 1 ? !hasToken(connection, 'close') : hasToken(connection, 'keep-alive');
    if (status === 204 || status === 304) {
      this.state = State.Done;
    } else if (transferEncoding !== null) {
      if (!lastTokenIsChunked(transferEncoding)) {
        // Another final coding: the body runs until the connection ends (RFC 9112 section 6.3).
        this.state = State.UntilClose;
        this.keepAlive = false;
      } else {
        this.state = State.ChunkSize;
      }
    } else if (contentLength !== null) {
      if (!/^\d{1,15}$/.test(contentLength)) {
        throw new ResponseParseError(`malformed content-length "${contentLength.slice(0, 40)}"`);
      }
      this.remaining = Number(contentLength);
      this.state = this.remaining === 0 ? State.Done : State.Length;
    } else {
      this.state = State.UntilClose;
      this.keepAlive = false;
    }
    this.sawHead = true;
    this.events.head(status, ResponseHeaders.fromHead(head, spans));
  }
}

/**
 * The minor version (0 or 1) of a status line `HTTP/1.x ddd` followed by a space or its end (the first
 * `lineEnd` characters of `head`), or -1 when it is not one.
 */
function statusLineMinor(head: string, lineEnd: number): number {
  if (lineEnd < 12 || !head.startsWith('HTTP/1.')) return -1;
  const minor = head.charCodeAt(7) - 48;
  if (minor !== 0 && minor !== 1) return -1;
  if (head.charCodeAt(8) !== 32 || (lineEnd > 12 && head.charCodeAt(12) !== 32)) return -1;
  for (let index = 9; index < 12; index += 1) {
    const code = head.charCodeAt(index);
    if (code < 48 || code > 57) return -1;
  }
  return minor;
}

/**
 * Where the first CRLF at or after `from` starts, when it starts at most `limit` bytes after `from`; else -1.
 * Scanned here rather than with `indexOf`: a chunk-size line is a few bytes, shorter than a native call costs.
 */
function crlfWithin(buffer: Buffer, from: number, limit: number): number {
  const last = Math.min(buffer.length - 1, from + limit + 1);
  for (let index = from; index < last; index += 1) {
    if (buffer[index] === 13 && buffer[index + 1] === 10) return index;
  }
  return -1;
}

/**
 * The size of a chunk from its line's bytes: hex digits between optional blanks, then any `;extension`. Read from the
 * bytes (no string per chunk).
 */
function chunkSize(buffer: Buffer, start: number, end: number): number {
  let size = 0;
  let digits = 0;
  let index = start;
  while (index < end && (buffer[index] === 32 || buffer[index] === 9)) index += 1;
  for (; index < end; index += 1) {
    const byte = buffer[index] as number;
    let value: number;
    if (byte >= 48 && byte <= 57) value = byte - 48;
    else if (byte >= 97 && byte <= 102) value = byte - 87;
    else if (byte >= 65 && byte <= 70) value = byte - 55;
    else break;
    size = size * 16 + value;
    digits += 1;
  }
  while (index < end && (buffer[index] === 32 || buffer[index] === 9)) index += 1;
  if (digits === 0 || digits > 12 || (index < end && buffer[index] !== 59)) {
    throw new ResponseParseError(
      `malformed chunk size "${buffer.toString('latin1', start, Math.min(end, start + 40))}"`,
    );
  }
  return size;
}
