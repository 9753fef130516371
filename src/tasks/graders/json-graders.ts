import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv2020Class, ValidateFunction } from 'ajv/dist/2020.js';
import { excerpt } from './grader-result.ts';
import { fail, pass, type Verdict } from './text-graders.ts';

/** Responses longer than this are not parsed as JSON (a hostile response must not stall the run). */
export const MAX_JSON_RESPONSE_CHARS = 1_000_000;

/**
 * The response as JSON: the whole text, else the first fenced ```json block, else the first balanced `{…}` or
 * `[…]`. Undefined when none parses.
 */
export function responseJson(response: string): { value: unknown } | undefined {
  if (response.length > MAX_JSON_RESPONSE_CHARS) return undefined;
  const attempts = [response.trim()];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(response);
  if (fenced?.[1] !== undefined) attempts.push(fenced[1].trim());
  const balanced = firstBalanced(response);
  if (balanced !== undefined) attempts.push(balanced);
  for (const text of attempts) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** The first `{…}` or `[…]` span whose brackets balance (strings skipped), or undefined. */
function firstBalanced(text: string): string | undefined {
  const start = text.search(/[{[]/);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return undefined;
}

let ajv: Ajv2020Class | undefined;
/** ajv, loaded when the first schema is compiled (not at every command's start-up). */
function schemaCompiler(): Ajv2020Class {
  if (ajv) return ajv;
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class };
  ajv = new Ajv2020({ allErrors: false, strict: false });
  return ajv;
}
const compiled = new Map<string, ValidateFunction>();

/** Compiles a draft 2020-12 schema once per process; a bad schema throws ajv's error. */
export function compileSchema(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = schemaCompiler().compile(schema as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** `json_schema`: the response (or its first JSON block) parses and validates against the schema. */
export function gradeJsonSchema(response: string, schema: unknown): Verdict {
  const parsed = responseJson(response);
  if (!parsed) return fail(`no JSON in ${excerpt(response)}`);
  const validate = compileSchema(schema);
  if (validate(parsed.value)) return pass('valid against the schema');
  const error = validate.errors?.[0];
  return fail(`invalid: ${error?.instancePath || '/'} ${error?.message ?? ''}`.trim());
}

/** Resolves an RFC 6901 JSON Pointer; undefined when a step is missing. */
export function resolvePointer(document: unknown, pointer: string): { value: unknown } | undefined {
  if (pointer === '') return { value: document };
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < current.length) {
      current = current[Number(token)];
    } else if (
      typeof current === 'object' &&
      current !== null &&
      !Array.isArray(current) &&
      Object.prototype.hasOwnProperty.call(current, token)
    ) {
      current = (current as Record<string, unknown>)[token];
    } else return undefined;
  }
  return { value: current };
}

/** Deep equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((entry, index) => jsonEqual(entry, b[index]))
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every(
        (key) =>
          Object.prototype.hasOwnProperty.call(b, key) &&
          jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return false;
}

/** `json_match`: the value at the JSON Pointer in the response's JSON equals `value`. */
export function gradeJsonMatch(response: string, options: { pointer: string; value: unknown }): Verdict {
  const parsed = responseJson(response);
  if (!parsed) return fail(`no JSON in ${excerpt(response)}`);
  const found = resolvePointer(parsed.value, options.pointer);
  if (!found) return fail(`nothing at ${options.pointer || '(root)'}`);
  // CSV fields are text: expected text that reads as the number found matches it.
  const numeric =
    typeof found.value === 'number' &&
    typeof options.value === 'string' &&
    options.value.trim() !== '' &&
    Number(options.value) === found.value;
  return numeric || jsonEqual(found.value, options.value)
    ? pass(`${options.pointer || '(root)'} is ${excerpt(JSON.stringify(options.value))}`)
    : fail(
        `${options.pointer || '(root)'} is ${excerpt(JSON.stringify(found.value))}, not ${excerpt(JSON.stringify(options.value))}`,
      );
}
