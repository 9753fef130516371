import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../spec/index.ts';
import { parseCsv } from '../tasks/parse-csv.ts';
import type { TaskRow } from '../tasks/loaded-task.ts';

/** Reads a task's JSON Lines (.jsonl) or CSV (.csv) dataset; a bad row throws InputError naming file and line. */
export async function readTaskDataset(file: string): Promise<TaskRow[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError(`cannot read task dataset: ${(error as Error).message}`, { location: file });
  });
  const extension = extname(file).toLowerCase();
  const records: { line: number; fields: Record<string, unknown> }[] = [];
  if (extension === '.jsonl' || extension === '.ndjson') {
    for (const [index, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new InputError(`not valid JSON: ${(error as Error).message}`, {
          location: `${file}:${index + 1}`,
        });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InputError('each line must be a JSON object', { location: `${file}:${index + 1}` });
      }
      records.push({ line: index + 1, fields: value as Record<string, unknown> });
    }
  } else if (extension === '.csv') {
    records.push(...parseCsv(text, file));
  } else {
    throw new InputError('a task dataset is JSON Lines (.jsonl) or CSV (.csv)', { location: file });
  }
  if (records.length === 0) throw new InputError('the dataset has no rows', { location: file });
  const seen = new Set<string>();
  return records.map((record, index) => {
    const raw = record.fields.id;
    const id = raw === undefined || raw === null || raw === '' ? String(index + 1) : String(raw);
    if (seen.has(id)) throw new InputError(`duplicate id "${id}"`, { location: `${file}:${record.line}` });
    seen.add(id);
    return { id, fields: record.fields };
  });
}
