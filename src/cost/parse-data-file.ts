import { parseYaml } from './parse-yaml.ts';
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
  // An alias inside the node it names (`a: &a {b: *a}`) makes a value that contains itself.
  if (containsItself(document)) {
    throw new InputError('a YAML alias refers to a node that contains it (the value would be infinite)', {
      location: options.file,
    });
  }
  const result = options.schema.safeParse(camelCaseKeys(document));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Stryker disable next-line OptionalChaining: a failed zod parse has at least one issue, so issue is defined
  if (issue?.code === 'unrecognized_keys') {
    const parent = issue.path.length > 0 ? `${fieldPath(issue.path)}.` : '';
    const names = issue.keys.map((key) => `${parent}${snakeCase(key)}`).join(', ');
    throw new InputError(`${names}: unknown field${issue.keys.length > 1 ? 's' : ''}`, {
      location: options.file,
    });
  }
  const field = issue && issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : '';
  // Stryker disable next-line OptionalChaining,StringLiteral: a failed zod parse has at least one issue, so the fallback is unreachable
  const reason = issue?.message ?? 'invalid';
  throw new InputError(`${field}${reason}`, { location: options.file });
}

/** Whether an object or array is reachable from itself (depth-first, without recursion). */
function containsItself(root: unknown): boolean {
  const onPath = new Set<object>();
  const stack: { node: object; children: unknown[] }[] = [];
  const enter = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null) return false;
    if (onPath.has(value)) return true;
    onPath.add(value);
    stack.push({ node: value, children: Object.values(value) });
    return false;
  };
  // Nothing is on the path yet, so the root alone cannot close a loop.
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: object; children: unknown[] };
    if (top.children.length === 0) {
      onPath.delete(top.node);
      stack.pop();
    } else if (enter(top.children.pop())) return true;
  }
  return false;
}
