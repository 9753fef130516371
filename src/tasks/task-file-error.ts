import type { Document, LineCounter } from 'yaml';
import { yamlPackage } from './yaml-package.ts';
import type { z } from 'zod';
import { InputError } from '../spec/index.ts';

/** `graders[1].value` from a zod issue path. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name === '' ? String(key) : `.${String(key)}`;
  }
  return name === '' ? '(top level)' : name;
}

/**
 * One line for the first problem zod found in a YAML task file: `file:line: field: message`. The line is the
 * start of the deepest YAML node on the issue's path that exists (yaml's node ranges).
 */
export function yamlTaskError(
  file: string,
  document: Document,
  lines: LineCounter,
  error: z.ZodError,
): InputError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).filter((key) => typeof key !== 'symbol') as (string | number)[];
  let line: number | undefined;
  for (let depth = path.length; depth >= 0 && line === undefined; depth -= 1) {
    const node = document.getIn(path.slice(0, depth), true);
    if (yamlPackage().isNode(node) && node.range) line = lines.linePos(node.range[0]).line;
  }
  return new InputError(`${fieldName(path)}: ${issue?.message ?? 'invalid'}`, {
    location: line === undefined ? file : `${file}:${line}`,
  });
}
