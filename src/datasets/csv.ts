import { InputError } from '../spec/index.ts';

/** Line breaks in `text` as a record counts them: `\n`, `\r\n` (one) or a lone `\r`. */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  for (let index = text.indexOf('\r'); index !== -1; index = text.indexOf('\r', index + 1)) {
    if (text[index + 1] !== '\n') count += 1;
  }
  return count;
}

/** A separator or line break: where an unquoted field ends. */
const fieldEnd = /[,\n\r]/g;

/**
 * Where the unquoted field starting at `start` ends: the index of the next ',', '\n' or '\r', or `text.length`.
 * One native scan (`test` moves `lastIndex` and builds no match) instead of a loop over one-character strings.
 */
export function unquotedFieldEnd(text: string, start: number): number {
  fieldEnd.lastIndex = start;
  return fieldEnd.test(text) ? fieldEnd.lastIndex - 1 : text.length;
}

/** One CSV record and the 1-based line of the file on which it starts. */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ParseCsvOptions {
  /** Named in error messages, e.g. the file's path. Default '<csv>'. */
  readonly file?: string;
  /** Line number of the text's first line in its file (for text that starts part-way through). Default 1. */
  readonly firstLine?: number;
}

/**
 * Parses RFC-4180 CSV text: comma-separated fields, fields in double quotes may hold commas, line breaks
 * (kept verbatim, `\r\n` included) and doubled quotes (`""` → `"`). Records end at `\n`, `\r\n` or a lone
 * `\r` outside quotes. A leading byte-order mark is dropped. Empty lines are skipped (as Python's csv reader
 * does), so a trailing newline adds no record. A quote inside an unquoted field is kept as a literal character.
 *
 * Throws InputError naming `file:line` for an unterminated quoted field or text after a closing quote.
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRow[] {
  const file = options.file ?? '<csv>';
  const rows: CsvRow[] = [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let position = 0;
  let line = options.firstLine ?? 1;
  const length = source.length;

  while (position < length) {
    const startLine = line;
    // Skip empty lines between records.
    const first = source[position];
    if (first === '\n' || first === '\r') {
      position += first === '\r' && source[position + 1] === '\n' ? 2 : 1;
      line += 1;
      continue;
    }
    const fields: string[] = [];
    let recordEnded = false;
    while (!recordEnded) {
      let field = '';
      if (source[position] === '"') {
        const quoteLine = line;
        position += 1;
        let closed = false;
        // The field is cut from the text in pieces between quotes, never built a character at a time: a string
        // grown by `+=` per character is a chain of thousands of small objects (~150 MB for MMLU's test split).
        const pieces: string[] = [];
        for (;;) {
          const quote = source.indexOf('"', position);
          if (quote === -1) break;
          const piece = source.slice(position, quote);
          line += countLineBreaks(piece);
          pieces.push(piece);
          if (source[quote + 1] === '"') {
            pieces.push('"');
            position = quote + 2;
            continue;
          }
          position = quote + 1;
          closed = true;
          break;
        }
        field = pieces.length === 1 ? (pieces[0] as string) : pieces.join('');
        if (!closed) {
          throw new InputError('unterminated quoted field', { location: `${file}:${quoteLine}` });
        }
        const next = source[position];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new InputError(`unexpected character ${JSON.stringify(next)} after a closing quote`, {
            location: `${file}:${line}`,
          });
        }
      } else {
        const end = unquotedFieldEnd(source, position);
        field = source.slice(position, end);
        position = end;
      }
      fields.push(field);
      const separator = source[position];
      if (separator === ',') {
        position += 1;
      } else {
        recordEnded = true;
        if (separator === '\r') position += source[position + 1] === '\n' ? 2 : 1;
        else if (separator === '\n') position += 1;
        if (separator !== undefined) line += 1;
      }
    }
    rows.push({ line: startLine, fields });
  }
  return rows;
}
