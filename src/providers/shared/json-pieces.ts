/**
 * A JSON text to send, kept as pieces: text still to be encoded, and bytes encoded earlier (the JSON of a
 * message that many requests share). Written into one Buffer after the request head, it spares a request the
 * serializing and UTF-8 encoding of what it shares with others (docs/decisions/0330). Every piece must be
 * whole JSON tokens (never half a character), so that the pieces' UTF-8 bytes, one after the other, are the
 * bytes of the whole text.
 */
export class JsonPieces {
  /** Texts and bytes in order; consecutive texts are joined into one. */
  private readonly parts: (string | Uint8Array)[] = [];
  private pending = '';
  private length = -1;

  addText(text: string): void {
    this.pending += text;
  }

  addBytes(bytes: Uint8Array): void {
    this.flush();
    this.parts.push(bytes);
  }

  /** The length of the text in UTF-8 bytes; no piece may be added after. */
  get byteLength(): number {
    if (this.length >= 0) return this.length;
    this.flush();
    let length = 0;
    for (const part of this.parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
    this.length = length;
    return length;
  }

  /** Writes the text as UTF-8 at `offset` of `target` (which has room for `byteLength` more bytes). */
  writeInto(target: Buffer, offset: number): void {
    this.flush();
    let at = offset;
    for (const part of this.parts) {
      if (typeof part === 'string') {
        at += target.write(part, at);
      } else {
        target.set(part, at);
        at += part.length;
      }
    }
  }

  private flush(): void {
    if (this.pending === '') return;
    this.parts.push(this.pending);
    this.pending = '';
  }
}
