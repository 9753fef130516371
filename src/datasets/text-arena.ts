/** Where `TextArena.add` put a text: a byte range of one of the arena's buffers. */
export interface ArenaText {
  readonly slab: Buffer;
  readonly start: number;
  readonly end: number;
}

/** Bytes of each buffer an arena fills (a longer text gets a buffer of its own size). */
export const defaultSlabBytes = 64 * 1024;

/**
 * Keeps many texts as UTF-8 bytes in a few large buffers outside the JavaScript heap: an MMLU run holds all
 * 14,042 rows' text this way in ~6 MB instead of ~11 MB of heap strings (two bytes per character for rows with
 * any non-Latin-1 character) that the collector would also leave headroom for (docs/decisions/0280).
 * Lossless for any string `JSON.stringify` produced (lone surrogates are escaped there).
 */
export class TextArena {
  private slab: Buffer | undefined;
  private used = 0;

  constructor(private readonly slabBytes = defaultSlabBytes) {}

  /** Stores `text`; `arenaText` gives it back. */
  add(text: string): ArenaText {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.slab === undefined || this.used + bytes > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(this.slabBytes, bytes));
      this.used = 0;
    }
    const start = this.used;
    this.used += this.slab.write(text, start, 'utf8');
    return { slab: this.slab, start, end: this.used };
  }
}

/** The text `TextArena.add` stored. */
export const arenaText = (stored: ArenaText): string =>
  stored.slab.toString('utf8', stored.start, stored.end);
