import { InputError } from '../spec/index.ts';
import { countLineBreaks, parseCsv, unquotedFieldEnd, type CsvRow } from './csv.ts';
import type { TextChunks, TextFiles } from './text-files.ts';

/** Where the record starting at `start` ends: the index of its line break, or -1 when `text` holds no end yet. */
function recordEnd(text: string, start: number): number {
  let position = start;
  const length = text.length;
  for (;;) {
    // At the start of a field.
    if (text[position] === '"') {
      position += 1;
      for (;;) {
        const quote = text.indexOf('"', position);
        if (quote === -1 || quote + 1 >= length) return -1;
        if (text[quote + 1] === '"') {
          position = quote + 2;
          continue;
        }
        position = quote + 1;
        break;
      }
    }
    // The rest of the field, as parseCsv reads it: a quote here is a literal character.
    position = unquotedFieldEnd(text, position);
    if (position >= length) return -1;
    if (text[position] !== ',') return position;
    position += 1;
  }
}

/**
 * Reads a CSV file one record at a time, with the same rules and errors as `parseCsv`, pulling text from the
 * file only as far as the records asked for: a caller that stops after 10 rows reads about 10 rows of the
 * file (plus the rest of one chunk), not the whole file. The file is opened at the first `next` and closed at
 * its end or by `close`.
 */
export class CsvRecordReader {
  private chunks: TextChunks | undefined;
  private text = '';
  private position = 0;
  private line = 1;
  private ended = false;
  private started = false;
  private sawText = false;

  constructor(
    private readonly path: string,
    private readonly files: TextFiles,
  ) {}

  /** The next record, or undefined after the last one. */
  next(): CsvRow | undefined {
    for (;;) {
      const settled = this.skipEmptyLines();
      if (settled && this.position < this.text.length) {
        const end = recordEnd(this.text, this.position);
        if (end !== -1 || this.ended) return this.take(end === -1 ? this.text.length : end);
      } else if (settled && this.ended) {
        return undefined;
      }
      this.pull();
    }
  }

  close(): void {
    this.chunks?.close();
    this.ended = true;
  }

  /** Skips line breaks before the next record; false when a '\r' at the end of the text needs the next chunk. */
  private skipEmptyLines(): boolean {
    for (;;) {
      const character = this.text[this.position];
      if (character === '\n') {
        this.position += 1;
      } else if (character === '\r') {
        // A '\r' at the end of the text may be the first half of '\r\n'.
        if (this.position + 1 >= this.text.length && !this.ended) return false;
        this.position += this.text[this.position + 1] === '\n' ? 2 : 1;
      } else {
        return true;
      }
      this.line += 1;
    }
  }

  private take(end: number): CsvRow {
    // A copy of the record alone: a slice would keep the whole chunk it was cut from alive for as long as any
    // field of the record lives (every item of a run). Concatenating and slicing makes V8 copy it flat.
    const recordText = ` ${this.text.slice(this.position, end)}`.slice(1);
    const rows = parseCsv(recordText, { file: this.path, firstLine: this.line });
    const row = rows[0];
    if (row === undefined || rows.length !== 1) {
      throw new InputError('could not read the CSV record', { location: `${this.path}:${this.line}` });
    }
    this.line += countLineBreaks(recordText);
    this.position = end;
    return row;
  }

  /** Appends the next chunk (dropping the text already consumed), or marks the end of the file. */
  private pull(): void {
    if (this.ended) return;
    if (!this.started) {
      this.started = true;
      try {
        this.chunks = this.files.open(this.path);
      } catch (error) {
        this.ended = true;
        throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
          location: this.path,
          cause: error,
        });
      }
    }
    const chunk = this.chunks?.next();
    if (chunk === undefined) {
      this.close();
      return;
    }
    // A leading byte-order mark is dropped, as parseCsv does.
    const text = !this.sawText && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
    this.sawText = true;
    this.text = this.text.slice(this.position) + text;
    this.position = 0;
  }
}
