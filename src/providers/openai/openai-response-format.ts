import { APIError } from 'openai';
import type { ResponseSchema } from '../../spec/language-model.ts';
import { schemaRefusalMessage } from '../shared/schema-refusal.ts';

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

/** The server's message when it refused a request's response schema (an OpenAI SDK `APIError`), else undefined. */
export function schemaRefusal(error: unknown): string | undefined {
  return error instanceof APIError ? schemaRefusalMessage(error) : undefined;
}
