import { APIError } from 'openai';
import type { ResponseSchema } from '../../spec/language-model.ts';

/**
 * `response_format` for a request with a response schema: OpenAI's Structured Outputs,
 * `{type: 'json_schema', json_schema: {name, schema, strict: true}}` (platform.openai.com/docs/guides/structured-outputs);
 * vLLM, SGLang, llama.cpp and TGI's OpenAI routes take the same field. Nothing without one.
 */
export function openAIResponseFormat(schema: ResponseSchema | undefined): Record<string, unknown> {
  if (schema === undefined) return {};
  return {
    response_format: {
      type: 'json_schema',
      json_schema: { name: schema.name, schema: schema.schema, strict: true },
    },
  };
}

/**
 * The server's message when it refused a request's response schema: a 400 or 422 that names the response format
 * or the schema (OpenAI: "Invalid schema for response_format …", param `response_format`; vLLM/llama.cpp: the
 * grammar or schema could not be built). Undefined for any other failure, which stays an error.
 */
export function schemaRefusal(error: unknown): string | undefined {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return undefined;
  const message = error.message.replace(/\s+/g, ' ').slice(0, 300);
  const param = (error as { param?: unknown }).param;
  if (param === 'response_format' || /response_format|json_schema|schema|grammar/i.test(message))
    return message;
  return undefined;
}
