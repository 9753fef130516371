import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../../spec/index.ts';
import { fieldName, yamlTaskError } from '../../../tasks/task-file-error.ts';
import { taskSchema, type TaskDefinition } from '../../../tasks/task-schema.ts';
import { readTaskDataset } from '../../read-task-dataset.ts';
import type { LoadedTask } from '../../../tasks/loaded-task.ts';

export type { LoadedTask } from '../../../tasks/loaded-task.ts';

/** Reads a YAML task file; a bad one throws InputError naming the file, line and field. */
export async function readYamlTask(file: string): Promise<TaskDefinition> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError(`cannot read task file: ${(error as Error).message}`, { location: file });
  });
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    const line = lines.linePos(yamlError.pos[0]).line;
    throw new InputError(`not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      location: `${file}:${line}`,
    });
  }
  const parsed = taskSchema.safeParse(document.toJS());
  if (!parsed.success) throw yamlTaskError(file, document, lines, parsed.error);
  return parsed.data;
}

/** Imports a TypeScript or JavaScript task file whose default export is `defineTask({…})`. */
export async function readScriptTask(file: string): Promise<TaskDefinition> {
  let exported: unknown;
  try {
    const { tsImport } = await import('tsx/esm/api');
    const module = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
    exported = module.default;
    // A file tsx loads as CommonJS arrives wrapped once more.
    if (typeof exported === 'object' && exported !== null && !('id' in exported) && 'default' in exported) {
      exported = (exported as { default: unknown }).default;
    }
  } catch (error) {
    throw new InputError(`cannot load task module: ${(error as Error).message.split('\n')[0]}`, {
      location: file,
    });
  }
  const parsed = taskSchema.safeParse(exported);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((key) => typeof key !== 'symbol') as (string | number)[];
    throw new InputError(`default export: ${fieldName(path)}: ${issue?.message ?? 'invalid'}`, {
      location: file,
    });
  }
  return parsed.data;
}

/** Reads a task file (.yaml/.yml, or .ts/.mts/.js/.mjs) and its dataset, relative to `cwd`. */
export async function loadTask(cwd: string, path: string): Promise<LoadedTask> {
  const file = resolve(cwd, path);
  const extension = extname(file).toLowerCase();
  const definition = ['.yaml', '.yml'].includes(extension)
    ? await readYamlTask(file)
    : ['.ts', '.mts', '.js', '.mjs'].includes(extension)
      ? await readScriptTask(file)
      : (() => {
          throw new InputError('a task file ends in .yaml, .yml, .ts or .js', { location: file });
        })();
  const rows = await readTaskDataset(resolve(dirname(file), definition.dataset));
  return { file, definition, rows };
}
