import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { yamlPackage } from '../tasks/yaml-package.ts';
import { InputError } from '../spec/index.ts';
import { fieldName, yamlTaskError } from '../tasks/task-file-error.ts';
import { taskSchema, type TaskDefinition } from '../tasks/task-schema.ts';
import { readTaskDataset } from './read-task-dataset.ts';
import type { LoadedTask } from '../tasks/loaded-task.ts';

export type { LoadedTask } from '../tasks/loaded-task.ts';

/** Reads a YAML task file; a bad one throws InputError naming the file, line and field. */
export async function readYamlTask(file: string): Promise<TaskDefinition> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError(`cannot read task file: ${(error as Error).message}`, { location: file });
  });
  const { LineCounter, parseDocument } = yamlPackage();
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

/** The part of tsx's ESM API that loads a TypeScript module. */
interface TsxApi {
  tsImport(specifier: string, parentUrl: string): Promise<unknown>;
}

/**
 * Imports a TypeScript or JavaScript task file whose default export is `defineTask({…})`. JavaScript (.js, .mjs)
 * is imported by Node itself; TypeScript (.ts, .mts) through tsx, a development dependency that an installed
 * parity may lack: then one line says what to do.
 */
export async function readScriptTask(
  file: string,
  options: { loadTsx?: () => Promise<TsxApi> } = {},
): Promise<TaskDefinition> {
  const url = pathToFileURL(file).href;
  const isTypeScript = ['.ts', '.mts'].includes(extname(file).toLowerCase());
  let load: () => Promise<unknown> = () => import(url);
  if (isTypeScript) {
    const tsx = await (options.loadTsx ?? (() => import('tsx/esm/api')))().catch(() => undefined);
    if (!tsx) {
      throw new InputError(
        'TypeScript task files need the tsx package (npm install --save-dev tsx); or write the task as .mjs or .yaml',
        { location: file },
      );
    }
    load = () => tsx.tsImport(url, import.meta.url);
  }
  let exported: unknown;
  try {
    const module = (await load()) as { default?: unknown };
    exported = module.default;
    // A file loaded as CommonJS arrives wrapped once more.
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
