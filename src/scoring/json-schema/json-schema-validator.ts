import { createRequire } from 'node:module';
import type { AnySchema, AnySchemaObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';

/** ajv and its drafts, loaded on the first validation, not at every command's start-up. */
interface AjvModules {
  readonly Ajv07: new (options: object) => unknown;
  readonly Ajv2019: new (options: object) => unknown;
  readonly Ajv2020: typeof Ajv2020;
  readonly AjvDraft04: new (options: object) => unknown;
  readonly addFormats: (ajv: unknown, options: { mode: 'full' }) => unknown;
  readonly draft06MetaSchema: AnySchemaObject;
}

let modules: AjvModules | undefined;
function ajvModules(): AjvModules {
  if (modules) return modules;
  const require = createRequire(import.meta.url);
  // CommonJS packages whose default export may arrive as `{ default }`.
  const main = (value: { default?: unknown }): unknown => value.default ?? value;
  modules = {
    Ajv07: (require('ajv') as { Ajv: AjvModules['Ajv07'] }).Ajv,
    Ajv2019: (require('ajv/dist/2019.js') as { Ajv2019: AjvModules['Ajv2019'] }).Ajv2019,
    Ajv2020: (require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 }).Ajv2020,
    AjvDraft04: main(require('ajv-draft-04') as { default?: unknown }) as AjvModules['AjvDraft04'],
    addFormats: main(require('ajv-formats') as { default?: unknown }) as AjvModules['addFormats'],
    // Through require: the bundle in dist/ does not keep JSON import attributes.
    draft06MetaSchema: require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject,
  };
  return modules;
}

/** The JSON Schema draft a schema is validated under, from its `$schema` (2020-12 when it declares none). */
export type JsonSchemaDraft = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

/** Whether an instance validates, and the first errors when it does not (one line each). */
export type JsonSchemaCheck =
  { readonly valid: true } | { readonly valid: false; readonly errors: readonly string[] };

/** A schema that the validator cannot compile (unresolvable `$ref`, a keyword with an impossible value …). */
export class UnsupportedSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedSchemaError';
  }
}

/** The draft a `$schema` URI names; 2020-12 for none or one parity does not know (as Python `jsonschema`). */
export function draftOf(schema: unknown): JsonSchemaDraft {
  const uri =
    typeof schema === 'object' && schema !== null && '$schema' in schema ? String(schema.$schema) : '';
  if (/draft-04/.test(uri)) return 'draft-04';
  if (/draft-06/.test(uri)) return 'draft-06';
  if (/draft-07/.test(uri)) return 'draft-07';
  if (/2019-09/.test(uri)) return '2019-09';
  return '2020-12';
}

type AjvInstance = InstanceType<typeof Ajv2020>;

/**
 * ECMA-262 patterns with the `u` flag, as JSON Schema asks; a pattern that is only valid without it (identity
 * escapes such as `\'` or `\-` outside a class, which Python's `re` accepts) is compiled without it.
 */
const lenientRegExp = Object.assign(
  (pattern: string, flags: string): RegExp => {
    try {
      return new RegExp(pattern, flags);
    } catch (error) {
      if (!flags.includes('u')) throw error;
      return new RegExp(pattern, flags.replace('u', ''));
    }
  },
  { code: 'new RegExp' },
);

/**
 * `iri` and `iri-reference` (RFC 3987), which ajv-formats does not define: an IRI has a scheme and no spaces or
 * control characters; a reference only the latter.
 */
function addIriFormats(ajv: AjvInstance): void {
  // eslint-disable-next-line no-control-regex -- control characters are what an IRI may not hold
  const noSpace = /^[^\s\u0000-\u001f\u007f<>"{}|\\^`]*$/u;
  ajv.addFormat('iri', (value: string) => /^[a-z][a-z0-9+.-]*:/iu.test(value) && noSpace.test(value));
  ajv.addFormat('iri-reference', (value: string) => noSpace.test(value));
}

/** `$async: true` makes ajv return a promise; parity validates synchronously, so the flag is dropped. */
function withoutAsync(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || !('$async' in schema)) return schema;
  const { $async: _async, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/**
 * One validator per draft, each asserting formats (ajv-formats "full" mode: date, time, date-time, uri, email,
 * hostname, ipv4/6, uuid, regex …; `iri`/`idn-*` formats ajv does not know are ignored, as the spec allows).
 * `strict: false` accepts the unknown keywords real-world schemas carry; `unicodeRegExp` follows ECMA-262 as
 * JSON Schema says `pattern` does. docs/decisions/0150.
 */
function createAjv(draft: JsonSchemaDraft, withMetaSchemas = true): AjvInstance {
  const options = {
    meta: withMetaSchemas,
    strict: false,
    allErrors: false,
    validateFormats: true,
    logger: false as const,
    // Real-world schemas break the meta-schema in harmless ways (duplicate `enum` values); validate with them.
    validateSchema: false,
    code: { regExp: lenientRegExp },
  };
  const { Ajv07, Ajv2019, Ajv2020, AjvDraft04, addFormats, draft06MetaSchema } = ajvModules();
  let ajv: AjvInstance;
  if (draft === 'draft-04') ajv = new AjvDraft04(options) as unknown as AjvInstance;
  else if (draft === '2020-12') ajv = new Ajv2020(options);
  else if (draft === '2019-09') ajv = new Ajv2019(options) as unknown as AjvInstance;
  else {
    ajv = new Ajv07(options) as unknown as AjvInstance;
    if (draft === 'draft-06' && withMetaSchemas) ajv.addMetaSchema(draft06MetaSchema);
  }
  // Before draft-06 the id keyword was `id`; later drafts ignore it as an unknown keyword (ajv refuses it).
  if (draft !== 'draft-04') ajv.removeKeyword('id');
  addFormats(ajv, { mode: 'full' });
  addIriFormats(ajv);
  return ajv;
}

/**
 * Compiles a JSON Schema under the draft it declares and returns a checker for instances. Throws
 * UnsupportedSchemaError when the schema cannot be compiled.
 */
export function compileJsonSchema(schema: unknown): (instance: unknown) => JsonSchemaCheck {
  // A fresh instance per schema: `$id`s clash across a corpus of unrelated schemas.
  const draft = draftOf(schema);
  const compile = (withMetaSchemas: boolean) =>
    createAjv(draft, withMetaSchemas).compile(withoutAsync(schema) as AnySchema);
  let validate: ValidateFunction;
  try {
    validate = compile(true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A copy of a meta-schema (its `$id` is the draft's own) clashes with the one ajv loads: load none.
    if (!message.includes('already exists')) throw new UnsupportedSchemaError(message);
    try {
      validate = compile(false);
    } catch (retryError) {
      throw new UnsupportedSchemaError(retryError instanceof Error ? retryError.message : String(retryError));
    }
  }
  return (instance) => {
    if (validate(instance) === true) return { valid: true };
    const errors = (validate.errors ?? []).map(
      (error) => `${error.instancePath === '' ? '/' : error.instancePath} ${error.message ?? error.keyword}`,
    );
    return { valid: false, errors };
  };
}
