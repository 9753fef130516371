import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parts of an OpenAI chat-completions request body the tests look at; other fields are kept too. */
export interface ChatRequestBody {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly temperature?: number;
  readonly top_p?: number;
  readonly max_tokens?: number;
  readonly stop?: string | readonly string[];
  readonly seed?: number;
  readonly [field: string]: unknown;
}

/** OpenAI's `usage` object, sent as given. */
export interface ServerUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly total_tokens?: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number };
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number };
}

/** What the server answers to one chat request. Every field is optional; `{}` gives an empty reply. */
export interface ServerReply {
  /** Reply text; streamed one word (with its trailing space) per chunk unless `chunks` is given. */
  readonly text?: string;
  /** Exact content deltas to stream (overrides `text`). */
  readonly chunks?: readonly string[];
  /** Raw SSE `data:` payloads sent after the content chunks and before `[DONE]`, e.g. malformed JSON. */
  readonly rawEvents?: readonly string[];
  /** Wait before sending the response headers, in ms. Default 0. */
  readonly headersDelayMs?: number;
  /** Wait between the headers (and the empty role chunk) and the first content chunk, in ms. Default 0. */
  readonly ttftMs?: number;
  /** Wait between content chunks, in ms. Default 0. */
  readonly perChunkMs?: number;
  /** `finish_reason` of the last chunk. Default 'stop'; null sends none. */
  readonly finishReason?: string | null;
  /**
   * Usage chunk (streaming, only when the request asked with `stream_options.include_usage`) or field.
   * Default: prompt tokens ≈ characters / 4, completion tokens = number of chunks. null sends no usage.
   */
  readonly usage?: ServerUsage | null;
  /** HTTP status; 400 and above sends `errorBody` as JSON instead of a completion. Default 200. */
  readonly status?: number;
  /** Error body. Default `{ error: { message: 'error <status>', type: 'server_error' } }`. */
  readonly errorBody?: unknown;
  /** Error body sent as is with `text/plain` (TGI's and axum's plain-text 422), instead of `errorBody`. */
  readonly rawErrorBody?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '2' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Destroy the socket: before any response ('before-headers', also `true`) or after the first chunk. */
  readonly dropConnection?: boolean | 'before-headers' | 'mid-stream';
  /** Send chunks without a `choices` field (to test validation). */
  readonly omitChoices?: boolean;
  /**
   * Tool calls sent after the text as OpenAI's API does (platform.openai.com/docs/api-reference/chat/streaming,
   * `choices[].delta.tool_calls[]`; guides/function-calling, "Streaming"): per call a first delta with `index`,
   * `id`, `type: "function"` and `function.name` (empty arguments), then the arguments in two fragments; the
   * finish reason defaults to "tool_calls". Not streamed: `message.tool_calls` with `content: null`.
   */
  readonly toolCalls?: readonly { readonly name: string; readonly arguments: string }[];
}

export interface OpenAICompatibleServer {
  /** Base URL ending in /v1, e.g. http://127.0.0.1:40123/v1. */
  readonly url: string;
  /** Bodies of the chat requests received so far, in arrival order (empty when `recordRequests` is false). */
  readonly requests: ChatRequestBody[];
  close(): Promise<void>;
}

export interface StartServerOptions {
  respond: (request: { body: ChatRequestBody; index: number }) => ServerReply | Promise<ServerReply>;
  /** Keep request bodies in `requests`. Default true; benchmarks turn it off. */
  readonly recordRequests?: boolean;
  /** Model ids listed by GET /v1/models. Default ['test-model']. */
  readonly models?: readonly string[];
  /** Extra fields of every GET /v1/models entry (vLLM's `max_model_len`, llama.cpp's `meta`). */
  readonly modelFields?: Readonly<Record<string, unknown>>;
  /**
   * Other JSON routes, keyed `METHOD /path` (`GET /props`, `POST /api/show`): the answer for the parsed body
   * (undefined for GET), sent with 200.
   */
  readonly jsonRoutes?: Readonly<Record<string, (body: unknown) => unknown>>;
}

const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const wait = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds).unref());

/** Starts a node:http server on 127.0.0.1 (a free port) that speaks OpenAI's chat-completions protocol. */
export async function startOpenAICompatibleServer(
  options: StartServerOptions,
): Promise<OpenAICompatibleServer> {
  const requests: ChatRequestBody[] = [];
  const recordRequests = options.recordRequests ?? true;
  const modelsBody = JSON.stringify({
    object: 'list',
    data: (options.models ?? ['test-model']).map((id) => ({
      id,
      object: 'model',
      created: 0,
      owned_by: 'parity',
      ...options.modelFields,
    })),
  });
  let index = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(modelsBody);
      return;
    }
    const route = options.jsonRoutes?.[`${request.method} ${path}`];
    if (route) {
      const routeBody = request.method === 'GET' ? undefined : await readJson(request);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(route(routeBody)));
      return;
    }
    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      sendError(response, 404, {
        error: { message: `no route ${request.method} ${path}`, type: 'not_found' },
      });
      return;
    }
    const body = await readJson(request);
    if (body === undefined) {
      sendError(response, 400, {
        error: { message: 'request body is not JSON', type: 'invalid_request_error' },
      });
      return;
    }
    if (recordRequests) requests.push(body);
    const reply = await options.respond({ body, index: index++ });
    await sendReply(response, body, reply);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendError(response, 500, { error: { message, type: 'server_error' } });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readJson(request: IncomingMessage): Promise<ChatRequestBody | undefined> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatRequestBody;
  } catch {
    return undefined;
  }
}

function sendError(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function defaultUsage(body: ChatRequestBody, completionTokens: number): ServerUsage {
  let characters = 0;
  for (const message of body.messages) characters += message.content.length;
  const promptTokens = Math.ceil(characters / 4);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

async function sendReply(response: ServerResponse, body: ChatRequestBody, reply: ServerReply): Promise<void> {
  if (reply.headersDelayMs) await wait(reply.headersDelayMs);
  if (reply.dropConnection === true || reply.dropConnection === 'before-headers') {
    response.socket?.destroy();
    return;
  }
  const status = reply.status ?? 200;
  if (status >= 400 && reply.rawErrorBody !== undefined) {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
    response.end(reply.rawErrorBody);
    return;
  }
  if (status >= 400) {
    const errorBody = reply.errorBody ?? { error: { message: `error ${status}`, type: 'server_error' } };
    sendError(response, status, errorBody, { ...reply.headers });
    return;
  }
  const chunks = reply.chunks ?? splitWords(reply.text ?? '');
  const toolCalls = reply.toolCalls ?? [];
  const finishReason =
    reply.finishReason === undefined ? (toolCalls.length > 0 ? 'tool_calls' : 'stop') : reply.finishReason;
  const usage = reply.usage === null ? undefined : (reply.usage ?? defaultUsage(body, chunks.length));
  const id = 'chatcmpl-parity';
  const model = JSON.stringify(body.model);

  if (!body.stream) {
    const completion = {
      id,
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: toolCalls.length > 0 && chunks.length === 0 ? null : chunks.join(''),
            ...(toolCalls.length > 0
              ? {
                  tool_calls: toolCalls.map((call, index) => ({
                    id: `call_${index}`,
                    type: 'function',
                    function: { name: call.name, arguments: call.arguments },
                  })),
                }
              : {}),
          },
          finish_reason: finishReason,
        },
      ],
      ...(usage ? { usage } : {}),
    };
    response.writeHead(200, { 'content-type': 'application/json', ...reply.headers });
    response.end(JSON.stringify(completion));
    return;
  }

  const head = `{"id":"${id}","object":"chat.completion.chunk","created":0,"model":${model},`;
  const event = (choice: string) =>
    reply.omitChoices ? `data: ${head}"note":${choice}}\n\n` : `data: ${head}"choices":[${choice}]}\n\n`;
  const contentEvent = (content: string) =>
    event(`{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}`);
  let tail = '';
  for (const [index, call] of toolCalls.entries()) {
    const delta = (toolCall: unknown) =>
      event(`{"index":0,"delta":{"tool_calls":[${JSON.stringify(toolCall)}]},"finish_reason":null}`);
    tail += delta({
      index,
      id: `call_${index}`,
      type: 'function',
      function: { name: call.name, arguments: '' },
    });
    const half = Math.ceil(call.arguments.length / 2);
    for (const part of [call.arguments.slice(0, half), call.arguments.slice(half)]) {
      if (part !== '') tail += delta({ index, function: { arguments: part } });
    }
  }
  for (const raw of reply.rawEvents ?? []) tail += `data: ${raw}\n\n`;
  tail += event(`{"index":0,"delta":{},"finish_reason":${JSON.stringify(finishReason)}}`);
  if (usage && body.stream_options?.include_usage)
    tail += `data: ${head}"choices":[],"usage":${JSON.stringify(usage)}}\n\n`;
  tail += 'data: [DONE]\n\n';

  response.writeHead(200, { ...sseHeaders, ...reply.headers });
  const roleEvent = event(`{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}`);
  const paced = Boolean(reply.ttftMs || reply.perChunkMs || reply.dropConnection === 'mid-stream');
  if (!paced) {
    // Instant reply: one write keeps the server cheap under benchmark load.
    let payload = roleEvent;
    for (const chunk of chunks) payload += contentEvent(chunk);
    response.end(payload + tail);
    return;
  }
  response.write(roleEvent);
  if (reply.ttftMs) await wait(reply.ttftMs);
  for (let position = 0; position < chunks.length; position++) {
    if (position > 0 && reply.perChunkMs) await wait(reply.perChunkMs);
    if (response.destroyed) return;
    response.write(contentEvent(chunks[position] ?? ''));
    if (reply.dropConnection === 'mid-stream') {
      // Let the chunk leave before cutting the connection.
      await wait(5);
      response.socket?.destroy();
      return;
    }
  }
  if (!response.destroyed) response.end(tail);
}
