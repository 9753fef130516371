import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError } from '../spec/index.ts';

/** One validated JSON Lines record and its 1-based line number. */
export interface JsonLine<T> {
  readonly line: number;
  readonly value: T;
}

export interface ParseJsonLinesOptions<T> {
  /** Named in error messages, e.g. the file's path. */
  readonly file: string;
  /** Every non-blank line must parse as JSON and satisfy this schema. */
  readonly schema: z.ZodType<T>;
}

export interface ReadJsonLinesOptions<T> extends ParseJsonLinesOptions<T> {
  /** Accept a file with no record. Default false: an empty file is an InputError (nothing is lost silently). */
  readonly allowEmpty?: boolean;
}

/**
 * Parses JSON Lines text. Blank (whitespace-only) lines are skipped; `\r\n` endings are accepted.
 * Throws InputError with location `file:line` when a line is not JSON, or when it fails the schema — then the
 * message names the failing field (dotted path, `(root)` for the whole value).
 */
export function parseJsonLines<T>(text: string, options: ParseJsonLinesOptions<T>): JsonLine<T>[] {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  const records: JsonLine<T>[] = [];
  lines.forEach((rawLine, index) => {
    const lineText = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (lineText.trim() === '') return;
    const location = `${options.file}:${index + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(lineText);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(`invalid JSON: ${reason}`, { location, cause: error });
    }
    const result = options.schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      throw new InputError(`field "${field}": ${issue?.message ?? 'does not match the schema'}`, {
        location,
        cause: result.error,
      });
    }
    records.push({ line: index + 1, value: result.data });
  });
  return records;
}

/**
 * Reads a JSON Lines file (UTF-8) and validates every line; see `parseJsonLines` for the rules. A file without
 * any record (empty or blank) is an InputError naming it, unless `allowEmpty`.
 */
export async function readJsonLines<T>(options: ReadJsonLinesOptions<T>): Promise<JsonLine<T>[]> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: options.file,
      cause: error,
    });
  }
  const records = parseJsonLines(text, options);
  if (records.length === 0 && options.allowEmpty !== true) {
    throw new InputError('the file is empty (no JSON lines)', { location: options.file });
  }
  return records;
}
