const lineFeed = 10;
const carriageReturn = 13;
const colonByte = 58;
const space = 32;

/**
 * Splits a response body into server-sent events straight from its bytes (the WHATWG rules as openai-node's
 * `SSEDecoder` applies them, src/core/streaming.ts: lines end with '\n', '\r\n' or '\r'; `data` lines
 * joined by '\n'; comments and other fields skipped; a blank line ends an event that has a field). Lines are
 * found on the bytes (a line end is never part of a multi-byte character), so only field values are decoded.
 * Call `end` once the body is over, for an event without its blank line.
 */
export class ServerSentEventDecoder {
  private rest: Buffer | undefined;
  /** The last line ended with '\r' at the very end of a piece: a '\n' opening the next belongs to it. */
  private afterCarriageReturn = false;
  private event: string | null = null;
  private data: string | undefined;
  private moreData: string[] | undefined;

  /** `emit` gets each event's `event` field (null when none) and its data; no object is made per event. */
  constructor(private readonly emit: (event: string | null, data: string) => void) {}

  push(bytes: Buffer): void {
    let buffer = bytes;
    if (this.rest !== undefined) {
      buffer = Buffer.concat([this.rest, bytes]);
      this.rest = undefined;
    }
    let start = 0;
    if (this.afterCarriageReturn) {
      this.afterCarriageReturn = false;
      if (buffer[0] === lineFeed) start = 1;
    }
    const length = buffer.length;
    if (start === length || buffer.indexOf(carriageReturn, start) === -1) {
      // The usual case, '\n' line ends only: found natively, except the blank line that ends an event (checked
      // here) and the search past a piece that ends with its last line (none).
      while (start < length) {
        const end = buffer[start] === lineFeed ? start : buffer.indexOf(lineFeed, start);
        if (end === -1) break;
        this.line(buffer, start, end);
        start = end + 1;
      }
    } else {
      for (let index = start; index < length; index += 1) {
        const byte = buffer[index];
        if (byte !== lineFeed && byte !== carriageReturn) continue;
        this.line(buffer, start, index);
        if (byte === carriageReturn) {
          if (index + 1 === length) this.afterCarriageReturn = true;
          else if (buffer[index + 1] === lineFeed) index += 1;
        }
        start = index + 1;
      }
    }
    // A copy: `bytes` may be a view of a read buffer that is used again.
    if (start < length) this.rest = Buffer.from(buffer.subarray(start));
  }

  end(): void {
    const rest = this.rest;
    this.rest = undefined;
    if (rest !== undefined) this.line(rest, 0, rest.length);
    // The blank line the body did not end with (an empty line only dispatches: no buffer needed).
    this.dispatch();
  }

  private line(buffer: Buffer, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    if (buffer[start] === colonByte) return;
    if (
      end - start >= 5 &&
      buffer[start] === 100 &&
      buffer[start + 1] === 97 &&
      buffer[start + 2] === 116 &&
      buffer[start + 3] === 97 &&
      buffer[start + 4] === colonByte
    ) {
      // `data:`, nearly every line of a stream: its colon is known, no search for it.
      const valueStart = end > start + 5 && buffer[start + 5] === space ? start + 6 : start + 5;
      this.addData(buffer.toString('utf8', valueStart, end));
      return;
    }
    let colon = buffer.indexOf(colonByte, start);
    if (colon === -1 || colon > end) colon = end;
    let valueStart = colon < end ? colon + 1 : end;
    if (valueStart < end && buffer[valueStart] === space) valueStart += 1;
    const nameLength = colon - start;
    if (
      nameLength === 4 &&
      buffer[start] === 100 &&
      buffer[start + 1] === 97 &&
      buffer[start + 2] === 116 &&
      buffer[start + 3] === 97
    ) {
      // data
      this.addData(buffer.toString('utf8', valueStart, end));
    } else if (nameLength === 5 && buffer.toString('latin1', start, colon) === 'event') {
      this.event = buffer.toString('utf8', valueStart, end);
    }
  }

  private addData(value: string): void {
    if (this.data === undefined) this.data = value;
    else (this.moreData ??= [this.data]).push(value);
  }

  private dispatch(): void {
    if (this.event === null && this.data === undefined) return;
    const data = this.moreData === undefined ? (this.data ?? '') : this.moreData.join('\n');
    const event = this.event;
    this.event = null;
    this.data = undefined;
    this.moreData = undefined;
    this.emit(event, data);
  }
}
