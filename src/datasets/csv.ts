import { InputError } from '../spec/index.ts';

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
        while (position < length) {
          const character = source[position];
          if (character === '"') {
            if (source[position + 1] === '"') {
              field += '"';
              position += 2;
              continue;
            }
            position += 1;
            closed = true;
            break;
          }
          if (character === '\n' || (character === '\r' && source[position + 1] !== '\n')) line += 1;
          field += character;
          position += 1;
        }
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
        let end = position;
        while (end < length) {
          const character = source[end];
          if (character === ',' || character === '\n' || character === '\r') break;
          end += 1;
        }
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
