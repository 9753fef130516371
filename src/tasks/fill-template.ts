import { InputError } from '../spec/index.ts';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** The row field as text: strings as they are, other values as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Replaces each `{{name}}` with the row's field `name`; an unknown name throws InputError naming the item and
 * variable (a typo should not silently send an empty prompt).
 */
export function fillTemplate(
  template: string,
  fields: Readonly<Record<string, unknown>>,
  where: string,
): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (!(name in fields)) throw new InputError(`no field "${name}" for {{${name}}}`, { location: where });
    return asText(fields[name]);
  });
}

/**
 * Fills `{{var}}` in a grader's `value`: a string that is one placeholder takes the field's own value (a
 * number stays a number, an object stays an object); other strings are filled as text; objects and arrays
 * are filled throughout.
 */
export function fillValue(value: unknown, fields: Readonly<Record<string, unknown>>, where: string): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}$/.exec(value);
    if (whole?.[1] !== undefined) {
      if (!(whole[1] in fields)) {
        throw new InputError(`no field "${whole[1]}" for {{${whole[1]}}}`, { location: where });
      }
      return fields[whole[1]];
    }
    return fillTemplate(value, fields, where);
  }
  if (Array.isArray(value)) return value.map((entry) => fillValue(entry, fields, where));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, fillValue(entry, fields, where)]),
    );
  }
  return value;
}
