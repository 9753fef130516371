import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { schemaRefusal } from './openai-response-format.ts';

const apiError = (status: number, message: string, param?: string) =>
  APIError.generate(
    status,
    { error: { message, type: 'invalid_request_error', param } },
    undefined,
    new Headers(),
  );

describe('schemaRefusal', () => {
  it('takes a 400/422 about the response format or schema as the endpoint refusing the schema', () => {
    expect(
      schemaRefusal(
        apiError(400, "Invalid schema for response_format 'x': 'additionalProperties' …", 'response_format'),
      ),
    ).toMatch(/Invalid schema for response_format/);
    expect(schemaRefusal(apiError(400, 'failed to compile grammar from JSON schema'))).toMatch(/grammar/);
    expect(schemaRefusal(apiError(422, 'unsupported json_schema feature: patternProperties'))).toMatch(
      /json_schema/,
    );
  });

  it('leaves every other failure an error: other 400s, server errors, non-API errors', () => {
    expect(schemaRefusal(apiError(400, 'max_tokens is too large', 'max_tokens'))).toBeUndefined();
    expect(schemaRefusal(apiError(500, 'Invalid schema for response_format'))).toBeUndefined();
    expect(schemaRefusal(apiError(429, 'rate limited'))).toBeUndefined();
    expect(schemaRefusal(new Error('response_format'))).toBeUndefined();
  });
});
