import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../spec/errors.ts';
import type { GenerateRequest } from '../../spec/language-model.ts';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
  type StartServerOptions,
} from '../../../test/support/openai-compatible-server.ts';
import { createOpenAIChatModel } from './openai-chat-model.ts';

/**
 * Error answers of OpenAI-compatible servers, each in the shape the server's source or docs give, and what
 * parity makes of them: the server's own words in the message, and whether another attempt can help.
 */
const request: GenerateRequest = { messages: [{ role: 'user', content: 'Hi' }], parameters: {} };
let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failureFrom(respond: StartServerOptions['respond']): Promise<ProviderError> {
  await server?.close();
  server = await startOpenAICompatibleServer({ respond });
  const model = createOpenAIChatModel({ baseUrl: server.url, modelId: 'm', now: () => performance.now() });
  const error = await model.generate(request, {}).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('OpenAI-compatible error answers', () => {
  it("shows vLLM's older flat error body (vllm/entrypoints/openai/protocol.py ErrorResponse before nesting)", async () => {
    const error = await failureFrom(() => ({
      status: 400,
      errorBody: {
        object: 'error',
        message: "'temperature' must be non-negative, got -1.",
        type: 'BadRequestError',
        param: null,
        code: 400,
      },
    }));
    expect(error.message).toContain("'temperature' must be non-negative, got -1.");
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
  });

  it("shows TGI's plain-text 422 (axum's JSON body rejection) and FastAPI's { detail }", async () => {
    const plain = await failureFrom(() => ({
      status: 422,
      rawErrorBody:
        'Failed to deserialize the JSON body into the target type: messages: missing field `role`',
    }));
    expect(plain.message).toContain('Failed to deserialize the JSON body into the target type: messages');
    expect(plain).toMatchObject({ statusCode: 422, isRetryable: false });
    const detail = await failureFrom(() => ({
      status: 422,
      errorBody: { detail: [{ loc: ['body', 'max_tokens'], msg: 'Input should be a valid integer' }] },
    }));
    expect(detail.message).toContain('body.max_tokens: Input should be a valid integer');
  });

  it('makes a context-length 400 an item error that is never retried (vLLM, llama.cpp, OpenAI wordings)', async () => {
    const bodies = [
      // vLLM serving_engine.py _validate_input
      {
        object: 'error',
        message:
          "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4990 in the messages, 10 in the completion). Please reduce the length of the messages or completion.",
        type: 'BadRequestError',
        param: null,
        code: 400,
      },
      // llama.cpp tools/server (format_error_response, ERROR_TYPE_EXCEED_CONTEXT_SIZE)
      {
        error: {
          code: 400,
          message: 'the request exceeds the available context size, try increasing it',
          type: 'exceed_context_size_error',
          n_prompt_tokens: 5000,
          n_ctx: 4096,
        },
      },
      // OpenAI
      {
        error: {
          message:
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      },
    ];
    for (const errorBody of bodies) {
      const error = await failureFrom(() => ({ status: 400, errorBody }));
      expect(error).toMatchObject({ kind: 'context-length', isRetryable: false, statusCode: 400 });
    }
  });

  it("makes TGI's context-length error inside a 200 stream not retryable (router/src/infer/mod.rs into_openai_event)", async () => {
    const error = await failureFrom(() => ({
      chunks: [],
      rawEvents: [
        JSON.stringify({
          error: {
            message:
              'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`',
            http_status_code: 422,
          },
        }),
      ],
    }));
    expect(error).toMatchObject({ kind: 'context-length', isRetryable: false, statusCode: 422 });
    expect(error.message).toContain('`inputs` tokens + `max_new_tokens` must be <= 4096');
  });

  it('keeps other in-stream errors retryable unless they name a client-error status', async () => {
    const overloaded = await failureFrom(() => ({
      chunks: ['a'],
      rawEvents: [JSON.stringify({ error: { message: 'Model is overloaded', http_status_code: 429 } })],
    }));
    expect(overloaded).toMatchObject({ isRetryable: true });
    const invalid = await failureFrom(() => ({
      chunks: [],
      rawEvents: [JSON.stringify({ error: { message: 'bad grammar', type: 'BadRequestError', code: 400 } })],
    }));
    expect(invalid).toMatchObject({ isRetryable: false, statusCode: 400 });
  });

  it('fails at once on 429 insufficient_quota (a billing stop), but retries an ordinary 429', async () => {
    const quota = await failureFrom(() => ({
      status: 429,
      errorBody: {
        error: {
          message: 'You exceeded your current quota, please check your plan and billing details.',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
    }));
    expect(quota).toMatchObject({ kind: 'insufficient-quota', isRetryable: false, statusCode: 429 });
    const limited = await failureFrom(() => ({
      status: 429,
      errorBody: {
        error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
      },
    }));
    expect(limited).toMatchObject({ isRetryable: true });
    expect(limited.kind).toBeUndefined();
  });

  it('reads x-ratelimit-* headers on a 429 that has no retry-after', async () => {
    const error = await failureFrom(() => ({
      status: 429,
      headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '4.5s' },
      errorBody: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    }));
    expect(error.rateLimit).toEqual({ remainingRequests: 0, resetRequestsMs: 4500 });
  });
});
