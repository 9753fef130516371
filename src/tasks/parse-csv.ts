import { InputError } from '../spec/index.ts';

/**
 * RFC 4180 CSV with a header row: quoted fields may hold commas, doubled quotes and line breaks. Returns one
 * record per data row with the line it starts on; a row with a different number of fields throws InputError.
 */
export function parseCsv(text: string, file: string): { line: number; fields: Record<string, string> }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else cell += char;
  }
  if (quoted) throw new InputError('a quoted field is not closed', { location: `${file}:${rowLine}` });
  if (cell !== '' || cells.length > 0) endRow();
  const [header, ...data] = rows;
  if (!header) return [];
  return data.map((row) => {
    if (row.cells.length !== header.cells.length) {
      throw new InputError(`${row.cells.length} fields where the header has ${header.cells.length}`, {
        location: `${file}:${row.line}`,
      });
    }
    return {
      line: row.line,
      fields: Object.fromEntries(header.cells.map((name, column) => [name, row.cells[column] ?? ''])),
    };
  });
}
