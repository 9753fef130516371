import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../spec/index.ts';
import { anthropicRequestBody } from './anthropic/anthropic-request-body.ts';
import { geminiRequest } from './gemini/gemini-model.ts';
import { openAIResponseFormat } from './openai/openai-response-format.ts';

const schema = {
  type: 'object',
  properties: { a: { type: 'string' } },
  required: ['a'],
  additionalProperties: false,
};
const request: GenerateRequest = {
  messages: [{ role: 'user', content: 'JSON please' }],
  parameters: { maxTokens: 100 },
  responseSchema: { name: 'item_1', schema },
};

describe('structured output in each provider’s request', () => {
  it('OpenAI-compatible: response_format json_schema, strict, named', () => {
    expect(openAIResponseFormat(request.responseSchema)).toEqual({
      response_format: { type: 'json_schema', json_schema: { name: 'item_1', schema, strict: true } },
    });
    expect(openAIResponseFormat(undefined)).toEqual({});
  });

  it('Anthropic: output_config.format json_schema, beside an effort', () => {
    const body = anthropicRequestBody(
      { ...request, parameters: { maxTokens: 100, reasoningEffort: 'low' } },
      { modelId: 'claude-x', defaultMaxTokens: 1024, prefill: false },
    );
    expect(body.output_config).toEqual({ effort: 'low', format: { type: 'json_schema', schema } });
    const plain = anthropicRequestBody(
      { messages: request.messages, parameters: {} },
      { modelId: 'claude-x', defaultMaxTokens: 1024, prefill: false },
    );
    expect(plain.output_config).toBeUndefined();
  });

  it('Gemini: JSON MIME type and responseJsonSchema', () => {
    const { config } = geminiRequest(request);
    expect(config.responseMimeType).toBe('application/json');
    expect(config.responseJsonSchema).toEqual(schema);
    expect(
      geminiRequest({ messages: request.messages, parameters: {} }).config.responseMimeType,
    ).toBeUndefined();
  });
});
