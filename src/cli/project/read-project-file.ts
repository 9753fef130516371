import { readFile } from 'node:fs/promises';
import { yamlPackage } from '../../tasks/yaml-package.ts';
import { InputError } from '../../spec/index.ts';
import { yamlTaskError } from '../../tasks/task-file-error.ts';
import { projectSchema, type ProjectFile } from './project-schema.ts';

/** The project file's name, looked up in the working folder. */
export const PROJECT_FILE_NAME = 'parity.yaml';

/**
 * Reads and validates `parity.yaml`; a bad one throws InputError naming the file, line and field (exit 2).
 * `${VARIABLE}` in a model's `base_url` is replaced from `env`; an unset variable is an error on that line.
 */
export async function readProjectFile(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ProjectFile> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError(`cannot read the project file: ${(error as Error).message}`, { location: file });
  });
  const { LineCounter, isNode, parseDocument } = yamlPackage();
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    throw new InputError(`not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      location: `${file}:${lines.linePos(yamlError.pos[0]).line}`,
    });
  }
  const parsed = projectSchema.safeParse(document.toJS());
  if (!parsed.success) throw yamlTaskError(file, document, lines, parsed.error);
  const models = parsed.data.models.map((model, index) => {
    if (model.base_url === undefined) return model;
    const baseUrl = model.base_url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        const node = document.getIn(['models', index, 'base_url'], true);
        const line = isNode(node) && node.range ? `:${lines.linePos(node.range[0]).line}` : '';
        throw new InputError(`models[${index}].base_url: environment variable ${name} is not set`, {
          location: `${file}${line}`,
        });
      }
      return value;
    });
    return { ...model, base_url: baseUrl };
  });
  return { ...parsed.data, models };
}
