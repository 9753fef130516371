import type { ChatRequestBody, ServerReply } from './openai-compatible-server.ts';

type Schema = Readonly<Record<string, unknown>>;

/** OpenAI's 400 for a schema outside Structured Outputs' strict subset (param `response_format`). */
function invalidSchema(name: string, reason: string): ServerReply {
  return {
    status: 400,
    errorBody: {
      error: {
        message: `Invalid schema for response_format '${name}': ${reason}`,
        type: 'invalid_request_error',
        param: 'response_format',
        code: null,
      },
    },
  };
}

/**
 * Why a schema is outside strict mode's subset, as OpenAI's Structured Outputs guide lists it ("Supported
 * schemas"): the root is an object; every object sets `additionalProperties: false` and lists every property in
 * `required`. Undefined when it is inside.
 */
function strictViolation(schema: Schema, context = ''): string | undefined {
  if (context === '' && schema.type !== 'object')
    return 'In context=(), schema must be a JSON Schema of \'type: "object"\'.';
  if (schema.type === 'object' || schema.properties !== undefined) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    if (schema.additionalProperties !== false) {
      return `In context=(${context}), 'additionalProperties' is required to be supplied and to be false.`;
    }
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const missing = Object.keys(properties).find((key) => !required.includes(key));
    if (missing !== undefined) {
      return `In context=(${context}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
    for (const [key, value] of Object.entries(properties)) {
      const found = strictViolation(value, `${context}'properties', '${key}'`);
      if (found !== undefined) return found;
    }
  }
  if (schema.items !== undefined && typeof schema.items === 'object') {
    return strictViolation(schema.items as Schema, `${context}'items'`);
  }
  return undefined;
}

/** The smallest instance of a strict schema: required properties, empty arrays, zero, '', false, first enum value. */
function minimalInstance(schema: Schema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.anyOf)) return minimalInstance(schema.anyOf[0] as Schema);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, minimalInstance(value)]),
      );
    }
    case 'array':
      return [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * What an OpenAI-compatible server with Structured Outputs answers, for requests with `response_format` (OpenAI
 * docs, Structured Outputs): `json_schema` with a name of `[A-Za-z0-9_-]{1,64}` and a schema; with `strict:
 * true` a schema outside the strict subset gets a 400 naming `response_format`, and an accepted one a reply that
 * follows it; `json_object` a JSON object. Undefined for requests without `response_format`.
 */
export function structuredOutputReply(body: ChatRequestBody): ServerReply | undefined {
  const format = body.response_format as
    { type?: string; json_schema?: { name?: unknown; schema?: unknown; strict?: unknown } } | undefined;
  if (format === undefined) return undefined;
  if (format.type === 'json_object') return { text: '{}' };
  if (format.type !== 'json_schema' || format.json_schema === undefined) {
    return {
      status: 400,
      errorBody: { error: { message: `Invalid response_format type`, param: 'response_format' } },
    };
  }
  const { name, schema, strict } = format.json_schema;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    return invalidSchema(String(name), "'name' must match ^[a-zA-Z0-9_-]{1,64}$");
  }
  if (typeof schema !== 'object' || schema === null) return invalidSchema(name, 'schema must be an object');
  if (strict === true) {
    const violation = strictViolation(schema as Schema);
    if (violation !== undefined) return invalidSchema(name, violation);
  }
  return { text: JSON.stringify(minimalInstance(schema as Schema)) };
}
