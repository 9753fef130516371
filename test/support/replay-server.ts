import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server that answers in the documented wire shapes of four APIs, from one scripted scenario per
 * request:
 * - OpenAI chat completions (`POST /v1/chat/completions`, SSE `data:` chunks, `[DONE]`, usage chunk when
 *   `stream_options.include_usage`), and legacy completions (`POST /v1/completions`, with `echo` + `logprobs`);
 * - Anthropic Messages (`POST /v1/messages`): `message_start`, `content_block_start`, `ping`,
 *   `content_block_delta` (`text_delta`), `content_block_stop`, `message_delta` (stop_reason, usage),
 *   `message_stop`; errors as `{ type: 'error', error: { type, message } }` (docs.anthropic.com, "Streaming
 *   Messages");
 * - Gemini (`POST /v1beta/models/<model>:streamGenerateContent?alt=sse` and `:generateContent`):
 *   GenerateContentResponse frames (`candidates[].content.parts[].text`, `finishReason`, `usageMetadata` on
 *   the last), no end marker; errors as `{ error: { code, message, status } }` (ai.google.dev API reference).
 */
export type ReplayScenario =
  | {
      readonly type: 'text';
      readonly chunks: readonly string[];
      readonly finish?: 'stop' | 'length';
      readonly usage?: { input?: number; cachedInput?: number; output?: number; reasoning?: number };
    }
  | {
      readonly type: 'error';
      readonly status: number;
      readonly message: string;
      readonly retryAfterSeconds?: number;
    }
  /** Headers and the first chunk, then the socket is destroyed. */
  | { readonly type: 'cut' }
  /** Headers and the first chunk, then a clean end of the body with no finish (and no `[DONE]`). */
  | { readonly type: 'truncated' }
  /** A chunk that is not JSON in the middle of the stream. */
  | { readonly type: 'malformed' }
  /**
   * OpenAI streams: a chunk that is JSON but not a chunk (`choices` is not an array) in the middle of the
   * stream, as a proxy that mangles a body sends; other APIs and plain responses: as `malformed`.
   */
  | { readonly type: 'mangled' }
  /** The socket is destroyed before any response. */
  | { readonly type: 'reset' };

export type ReplayApi = 'openai-chat' | 'openai-completions' | 'anthropic' | 'gemini';

export interface ReplayRequest {
  readonly api: ReplayApi;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
  readonly streaming: boolean;
  readonly index: number;
}

export interface ReplayServer {
  /** http://127.0.0.1:<port> (add /v1 for OpenAI clients). */
  readonly origin: string;
  readonly requests: ReplayRequest[];
  close(): Promise<void>;
}

const wait = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds).unref());

function routeOf(
  method: string | undefined,
  path: string,
): { api: ReplayApi; streaming?: boolean } | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/v1/chat/completions') return { api: 'openai-chat' };
  if (path === '/v1/completions') return { api: 'openai-completions' };
  if (path === '/v1/messages') return { api: 'anthropic' };
  if (/^\/v1beta\/models\/[^/]+:streamGenerateContent$/.test(path)) return { api: 'gemini', streaming: true };
  if (/^\/v1beta\/models\/[^/]+:generateContent$/.test(path)) return { api: 'gemini', streaming: false };
  return undefined;
}

export async function startReplayServer(options: {
  respond: (request: ReplayRequest) => ReplayScenario | Promise<ReplayScenario>;
  recordRequests?: boolean;
}): Promise<ReplayServer> {
  const requests: ReplayRequest[] = [];
  let index = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const parts: Buffer[] = [];
    for await (const part of request) parts.push(part as Buffer);
    const route = routeOf(request.method, path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no route"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>;
    const streaming = route.streaming ?? body.stream === true;
    const replayRequest: ReplayRequest = {
      api: route.api,
      path,
      headers: request.headers,
      body,
      streaming,
      index: index++,
    };
    if (options.recordRequests ?? true) requests.push(replayRequest);
    const scenario = await options.respond(replayRequest);
    await reply(response, replayRequest, scenario);
  }
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function errorBody(api: ReplayApi, status: number, message: string): unknown {
  if (api === 'anthropic') {
    const type =
      status === 429
        ? 'rate_limit_error'
        : status === 529
          ? 'overloaded_error'
          : status >= 500
            ? 'api_error'
            : 'invalid_request_error';
    return { type: 'error', error: { type, message } };
  }
  if (api === 'gemini') {
    const state = status === 429 ? 'RESOURCE_EXHAUSTED' : status >= 500 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT';
    return { error: { code: status, message, status: state } };
  }
  return {
    error: {
      message,
      type: status >= 500 ? 'server_error' : 'invalid_request_error',
      param: null,
      code: null,
    },
  };
}

/** The wire events of a text reply, as strings ready to write (SSE frames), and the plain JSON body. */
function textEvents(request: ReplayRequest, scenario: Extract<ReplayScenario, { type: 'text' }>) {
  const usage = scenario.usage ?? {};
  const finish = scenario.finish ?? 'stop';
  const model = String(request.body.model ?? 'model');
  const sse = (data: unknown, event?: string) =>
    `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;
  const text = scenario.chunks.join('');
  if (request.api === 'anthropic') {
    const stopReason = finish === 'length' ? 'max_tokens' : 'end_turn';
    const start = {
      type: 'message_start',
      message: {
        id: 'msg_replay',
        type: 'message',
        role: 'assistant',
        content: [],
        model,
        stop_reason: null,
        stop_sequence: null,
        // `input_tokens` excludes cache reads (SDK `Usage` type): the scenario's input is the whole prompt.
        usage: {
          input_tokens: (usage.input ?? 0) - (usage.cachedInput ?? 0),
          output_tokens: 1,
          ...(usage.cachedInput === undefined ? {} : { cache_read_input_tokens: usage.cachedInput }),
        },
      },
    };
    return {
      frames: [
        sse(start, 'message_start'),
        sse(
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          'content_block_start',
        ),
        sse({ type: 'ping' }, 'ping'),
        ...scenario.chunks.map((chunk) =>
          sse(
            { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: chunk } },
            'content_block_delta',
          ),
        ),
        sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
        sse(
          {
            type: 'message_delta',
            delta: { stop_reason: stopReason, stop_sequence: null },
            usage: {
              output_tokens: usage.output ?? 0,
              ...(usage.reasoning === undefined
                ? {}
                : { output_tokens_details: { thinking_tokens: usage.reasoning } }),
            },
          },
          'message_delta',
        ),
        sse({ type: 'message_stop' }, 'message_stop'),
      ],
      end: '',
      json: undefined,
    };
  }
  if (request.api === 'gemini') {
    const usageMetadata = {
      promptTokenCount: usage.input,
      // `candidatesTokenCount` excludes thoughts (SDK `GenerateContentResponseUsageMetadata`).
      candidatesTokenCount: usage.output === undefined ? undefined : usage.output - (usage.reasoning ?? 0),
      cachedContentTokenCount: usage.cachedInput,
      thoughtsTokenCount: usage.reasoning,
      totalTokenCount: (usage.input ?? 0) + (usage.output ?? 0),
    };
    const finishReason = finish === 'length' ? 'MAX_TOKENS' : 'STOP';
    const frame = (chunk: string, last: boolean) => ({
      candidates: [
        { content: { role: 'model', parts: [{ text: chunk }] }, index: 0, ...(last ? { finishReason } : {}) },
      ],
      ...(last ? { usageMetadata } : {}),
      modelVersion: model,
      responseId: 'gemini-replay',
    });
    const chunks = scenario.chunks.length > 0 ? scenario.chunks : [''];
    return {
      frames: chunks.map(
        (chunk, position) => `data: ${JSON.stringify(frame(chunk, position === chunks.length - 1))}\r\n\r\n`,
      ),
      end: '',
      json: frame(text, true),
    };
  }
  const openAIUsage = {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: (usage.input ?? 0) + (usage.output ?? 0),
    ...(usage.cachedInput === undefined
      ? {}
      : { prompt_tokens_details: { cached_tokens: usage.cachedInput } }),
    ...(usage.reasoning === undefined
      ? {}
      : { completion_tokens_details: { reasoning_tokens: usage.reasoning } }),
  };
  const includeUsage =
    (request.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  if (request.api === 'openai-completions') {
    const base = { id: 'cmpl-replay', object: 'text_completion', created: 0, model };
    const prompt = String(request.body.prompt ?? '');
    return {
      frames: [
        ...scenario.chunks.map((chunk) =>
          sse({ ...base, choices: [{ index: 0, text: chunk, logprobs: null, finish_reason: null }] }),
        ),
        sse({ ...base, choices: [{ index: 0, text: '', logprobs: null, finish_reason: finish }] }),
        ...(includeUsage ? [sse({ ...base, choices: [], usage: openAIUsage })] : []),
      ],
      end: 'data: [DONE]\n\n',
      json: {
        ...base,
        choices: [
          {
            index: 0,
            text: request.body.echo ? prompt + text : text,
            logprobs: request.body.logprobs == null ? null : echoLogprobs(prompt + text),
            finish_reason: finish,
          },
        ],
        usage: openAIUsage,
      },
    };
  }
  const base = { id: 'chatcmpl-replay', object: 'chat.completion.chunk', created: 0, model };
  return {
    frames: [
      sse({
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      }),
      ...scenario.chunks.map((chunk) =>
        sse({ ...base, choices: [{ index: 0, delta: { content: chunk }, finish_reason: null }] }),
      ),
      sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }] }),
      ...(includeUsage ? [sse({ ...base, choices: [], usage: openAIUsage })] : []),
    ],
    end: 'data: [DONE]\n\n',
    json: {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }],
      usage: openAIUsage,
    },
  };
}

/**
 * Deterministic `logprobs` for an echoed text: one token per character, the first with a null log-probability,
 * each other token's log-probability −(character code mod 7 + 1)/10.
 */
export function echoLogprobs(text: string) {
  const tokens = [...text];
  let offset = 0;
  const textOffset = tokens.map((token) => {
    const at = offset;
    offset += token.length;
    return at;
  });
  return {
    tokens,
    token_logprobs: tokens.map((token, index) =>
      index === 0 ? null : -(((token.codePointAt(0) ?? 0) % 7) + 1) / 10,
    ),
    top_logprobs: tokens.map((token, index) =>
      index === 0 ? null : { [token]: -(((token.codePointAt(0) ?? 0) % 7) + 1) / 10 },
    ),
    text_offset: textOffset,
  };
}

async function reply(
  response: ServerResponse,
  request: ReplayRequest,
  scenario: ReplayScenario,
): Promise<void> {
  if (scenario.type === 'reset') {
    response.socket?.destroy();
    return;
  }
  if (scenario.type === 'error') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (scenario.retryAfterSeconds !== undefined) headers['retry-after'] = String(scenario.retryAfterSeconds);
    response
      .writeHead(scenario.status, headers)
      .end(JSON.stringify(errorBody(request.api, scenario.status, scenario.message)));
    return;
  }
  const text: Extract<ReplayScenario, { type: 'text' }> =
    scenario.type === 'text' ? scenario : { type: 'text', chunks: ['partial ', 'answer ', 'cut ', 'off'] };
  const { frames, end, json } = textEvents(request, text);
  if (!request.streaming) {
    if (scenario.type !== 'text') {
      // Plain responses: cut or broken bodies.
      response.writeHead(200, { 'content-type': 'application/json' });
      if (scenario.type === 'malformed' || scenario.type === 'mangled') {
        response.end('{"id": "broken", "choices": [');
      } else if (scenario.type === 'truncated') response.end(JSON.stringify(json).slice(0, 20));
      else {
        response.write(JSON.stringify(json).slice(0, 20));
        await wait(5);
        response.socket?.destroy();
      }
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  // Keep the frames that carry text; "first chunk" = through the first text frame.
  const firstTextFrame =
    request.api === 'anthropic' ? 4 : request.api === 'gemini' ? 1 : request.api === 'openai-chat' ? 2 : 1;
  if (scenario.type === 'text') {
    response.end(frames.join('') + end);
    return;
  }
  response.write(frames.slice(0, firstTextFrame).join(''));
  if (scenario.type === 'mangled' && request.api.startsWith('openai')) {
    response.end(
      `data: {"id":"mangled","object":"chat.completion.chunk","choices":"garbled"}\n\n${frames.slice(firstTextFrame).join('')}${end}`,
    );
    return;
  }
  if (scenario.type === 'malformed' || scenario.type === 'mangled') {
    const event = request.api === 'anthropic' ? 'event: content_block_delta\n' : '';
    response.end(
      `${event}data: {"choices": [{"delta": {"content": "x"\n\n${frames.slice(firstTextFrame).join('')}${end}`,
    );
    return;
  }
  if (scenario.type === 'truncated') {
    response.end();
    return;
  }
  await wait(5);
  response.socket?.destroy();
}
