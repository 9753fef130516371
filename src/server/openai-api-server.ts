import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalModel } from '../providers/local/local-model.ts';
import { ProviderError } from '../spec/index.ts';
import { serveChatCompletion } from './openai-chat-route.ts';
import { serveCompletion } from './openai-completions-route.ts';
import { HttpError, readJsonBody, sendJson, type OpenAIRouteContext } from './openai-http.ts';
import { checkRequest, corsHeaders } from './request-guard.ts';
import {
  chatCompletionBodySchema,
  completionBodySchema,
  describeZodError,
} from './openai-request-schemas.ts';
import { defaultMaxBodyBytes } from './default-max-body-bytes.ts';

export interface OpenAIApiServerOptions {
  readonly model: LocalModel;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Wall clock in seconds for `created` fields. */
  readonly nowSeconds: () => number;
  /** Browser origins allowed to call the server (`--cors`); other cross-origin requests get 403. Default none. */
  readonly allowedOrigins?: readonly string[];
  /** Largest request body read, in bytes; larger ones get 413. Default 4 MiB. */
  readonly maxBodyBytes?: number;
  /** When set, clients must send `Authorization: Bearer <apiKey>` (401 otherwise). */
  readonly apiKey?: string;
}

export { defaultMaxBodyBytes };

export interface OpenAIApiServer {
  /** Base URL ending in /v1. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible HTTP server over the embedded engine: `POST /v1/chat/completions` (streaming with
 * usage, or not), `POST /v1/completions` (echo and logprobs included), `GET /v1/models`. Requests are served
 * one at a time in arrival order by the model's queue, so concurrent requests wait; none is mixed with
 * another. A client that disconnects cancels its request. Every request first passes `checkRequest` (Host on
 * loopback, Origin, API key); bodies above `maxBodyBytes` are refused unread.
 */
export async function startOpenAIApiServer(options: OpenAIApiServerOptions): Promise<OpenAIApiServer> {
  const { model } = options;
  const modelId = model.identity.modelId;
  let sequence = 0;
  const route: OpenAIRouteContext = {
    model,
    modelId,
    nextId: (prefix) => `${prefix}-parity-${(sequence += 1)}`,
    nowSeconds: options.nowSeconds,
  };

  const host = options.host ?? '127.0.0.1';
  const guard = {
    boundHost: host,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
  };
  const maxBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = checkRequest(request, guard);
    if (refusal) throw new HttpError(refusal.status, refusal.message, refusal.type);
    for (const [name, value] of Object.entries(corsHeaders(request))) response.setHeader(name, value);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const path = (request.url ?? '').split('?')[0]?.replace(/\/+$/, '');
    if (request.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      // The context the model is loaded with, in vLLM's ModelCard field (vllm/entrypoints/openai/protocol.py,
      // `max_model_len`), so clients (parity's own longctx refusal) learn the window as from vLLM.
      // A model that fails to load still gets listed; the load error comes with the first completion.
      const window = await model.contextWindow?.({}).catch(() => undefined);
      sendJson(response, 200, {
        object: 'list',
        data: [
          {
            id: modelId,
            object: 'model',
            created: 0,
            owned_by: 'parity',
            ...(window === undefined ? {} : { max_model_len: window.tokens }),
          },
        ],
      });
      return;
    }
    const endpoint = path?.replace(/^\/v1/, '');
    if (request.method !== 'POST' || (endpoint !== '/chat/completions' && endpoint !== '/completions')) {
      throw new HttpError(404, `no route ${request.method} ${path}`, 'not_found_error');
    }
    const body = await readJsonBody(request, { maxBytes });
    // Cancel the model call when the client goes away before the response is complete.
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort(new Error('client disconnected'));
    });
    if (endpoint === '/chat/completions') {
      const parsed = chatCompletionBodySchema.safeParse(body);
      if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
      await serveChatCompletion(route, parsed.data, response, controller.signal);
    } else {
      const parsed = completionBodySchema.safeParse(body);
      if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
      await serveCompletion(route, parsed.data, response, controller.signal);
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const status =
        error instanceof HttpError
          ? error.status
          : error instanceof ProviderError && !error.isRetryable
            ? 400
            : 500;
      const type =
        error instanceof HttpError ? error.type : status === 400 ? 'invalid_request_error' : 'server_error';
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) {
        // A refused body is not read: close the connection instead of draining it.
        if (status === 413) response.setHeader('connection', 'close');
        sendJson(response, status, { error: { message, type, param: null, code: null } });
      } else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
