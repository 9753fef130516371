import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../spec/index.ts';
import { camelCaseKeys, fieldPath, snakeCase } from './camel-case-keys.ts';

/**
 * Parses YAML (a superset of JSON) with snake_case keys into the schema's camelCase type. Any problem is one
 * InputError naming the file and the field as written in the file, e.g. `workload.yaml: constraints.licences[0]: …`.
 */
export function parseDataFile<Schema extends z.ZodType>(options: {
  text: string;
  file: string;
  schema: Schema;
}): z.infer<Schema> {
  let document: unknown;
  try {
    document = parseYaml(options.text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(`not valid YAML: ${message}`, { location: options.file, cause: error });
  }
  const result = options.schema.safeParse(camelCaseKeys(document));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    const parent = issue.path.length > 0 ? `${fieldPath(issue.path)}.` : '';
    const names = issue.keys.map((key) => `${parent}${snakeCase(key)}`).join(', ');
    throw new InputError(`${names}: unknown field${issue.keys.length > 1 ? 's' : ''}`, {
      location: options.file,
    });
  }
  const field = issue && issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : '';
  throw new InputError(`${field}${issue?.message ?? 'invalid'}`, { location: options.file });
}
