import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalModel } from '../providers/local/local-model.ts';
import { ProviderError, type ChatMessage, type FinishReason, type Usage } from '../spec/index.ts';
import {
  chatCompletionBodySchema,
  completionBodySchema,
  describeZodError,
  stopList,
  type ChatCompletionBody,
  type CompletionBody,
} from './openai-request-schemas.ts';

export interface OpenAIApiServerOptions {
  readonly model: LocalModel;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Wall clock in seconds for `created` fields. */
  readonly nowSeconds: () => number;
}

export interface OpenAIApiServer {
  /** Base URL ending in /v1. */
  readonly url: string;
  close(): Promise<void>;
}

const finishReasons: Readonly<Record<FinishReason, string>> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'stop',
  other: 'stop',
  unknown: 'stop',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

function usageJson(usage: Usage) {
  const prompt = usage.inputTokens ?? 0;
  const completion = usage.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...(usage.cachedInputTokens === undefined
      ? {}
      : { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } }),
  };
}

function contentText(content: ChatCompletionBody['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((part) => part.text ?? '').join('');
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}

/**
 * An OpenAI-compatible HTTP server over the embedded engine: `POST /v1/chat/completions` (streaming with
 * usage, or not), `POST /v1/completions` (echo and logprobs included), `GET /v1/models`. Requests are served
 * one at a time in arrival order by the model's queue, so concurrent requests wait; none is mixed with
 * another. A client that disconnects cancels its request.
 */
export async function startOpenAIApiServer(options: OpenAIApiServerOptions): Promise<OpenAIApiServer> {
  const { model } = options;
  const modelId = model.identity.modelId;
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}-parity-${(sequence += 1)}`;

  async function chat(body: ChatCompletionBody, response: ServerResponse, signal: AbortSignal) {
    const messages: ChatMessage[] = body.messages.map((message) => ({
      role: message.role === 'developer' ? 'system' : message.role,
      content: contentText(message.content),
    }));
    // A trailing assistant message is a prefill: the reply continues it.
    const last = messages.at(-1);
    const assistantPrefix = last?.role === 'assistant' ? last.content : undefined;
    const stop = stopList(body.stop);
    const request = {
      messages: assistantPrefix === undefined ? messages : messages.slice(0, -1),
      parameters: {
        ...(body.temperature == null ? {} : { temperature: body.temperature }),
        ...(body.top_p == null ? {} : { topP: body.top_p }),
        ...((body.max_completion_tokens ?? body.max_tokens) == null
          ? {}
          : { maxTokens: (body.max_completion_tokens ?? body.max_tokens) as number }),
        ...(stop ? { stop } : {}),
        ...(body.seed == null ? {} : { seed: body.seed }),
      },
      ...(assistantPrefix === undefined ? {} : { assistantPrefix }),
    };
    const id = nextId('chatcmpl');
    const created = Math.floor(options.nowSeconds());
    const base = { id, created, model: body.model ?? modelId, system_fingerprint: null };
    if (!body.stream) {
      const result = await model.generate(request, { signal });
      sendJson(response, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: result.text, refusal: null },
            logprobs: null,
            finish_reason: finishReasons[result.finishReason],
          },
        ],
        usage: usageJson(result.usage),
      });
      return;
    }
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
    );
    for await (const part of model.stream(request, { signal })) {
      if (part.type === 'text-delta') {
        response.write(
          chunk([{ index: 0, delta: { content: part.text }, logprobs: null, finish_reason: null }]),
        );
      } else if (part.type === 'finish') {
        response.write(
          chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReasons[part.finishReason] }]),
        );
        if (body.stream_options?.include_usage) response.write(chunk([], { usage: usageJson(part.usage) }));
        response.end('data: [DONE]\n\n');
        return;
      } else {
        // Headers are sent: report the failure in the stream, as OpenAI does, and end it without [DONE].
        response.end(
          `data: ${JSON.stringify({ error: { message: part.error.message, type: 'server_error' } })}\n\n`,
        );
        return;
      }
    }
    response.end();
  }

  async function complete(body: CompletionBody, response: ServerResponse, signal: AbortSignal) {
    const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
    const maxTokens = body.max_tokens ?? 16;
    const stop = stopList(body.stop);
    const id = nextId('cmpl');
    const created = Math.floor(options.nowSeconds());
    const base = { id, object: 'text_completion', created, model: body.model ?? modelId };
    if (body.stream) {
      if (prompts.length !== 1) throw new HttpError(400, 'streaming takes a single prompt');
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const write = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
        response.write(
          `data: ${JSON.stringify({ ...base, choices: [{ index: 0, logprobs: null, ...choice }], ...extra })}\n\n`,
        );
      const result = await model.complete(
        {
          prompt: prompts[0] ?? '',
          maxTokens,
          ...(body.temperature == null ? {} : { temperature: body.temperature }),
          ...(body.top_p == null ? {} : { topP: body.top_p }),
          ...(body.seed == null ? {} : { seed: body.seed }),
          ...(stop ? { stop } : {}),
          onText: (delta) => write({ text: delta, finish_reason: null }),
        },
        { signal },
      );
      write({ text: '', finish_reason: finishReasons[result.finishReason] });
      if (body.stream_options?.include_usage) {
        response.write(
          `data: ${JSON.stringify({ ...base, choices: [], usage: usageJson(result.usage) })}\n\n`,
        );
      }
      response.end('data: [DONE]\n\n');
      return;
    }
    const choices = [];
    const usage = { inputTokens: 0, outputTokens: 0 };
    for (const [index, prompt] of prompts.entries()) {
      const result =
        maxTokens === 0
          ? { text: '', finishReason: 'length' as FinishReason, usage: {} as Usage }
          : await model.complete(
              {
                prompt,
                maxTokens,
                ...(body.temperature == null ? {} : { temperature: body.temperature }),
                ...(body.top_p == null ? {} : { topP: body.top_p }),
                ...(body.seed == null ? {} : { seed: body.seed }),
                ...(stop ? { stop } : {}),
              },
              { signal },
            );
      const fullText = prompt + result.text;
      let logprobs: unknown = null;
      if (body.logprobs != null) {
        const scored = await model.scoreText(fullText, { signal });
        // Without echo only the generated tokens are reported.
        const keep = scored.textOffsets.map((offset) => body.echo === true || offset >= prompt.length);
        const pick = <T>(values: T[]) => values.filter((_value, position) => keep[position]);
        logprobs = {
          tokens: pick(scored.tokens),
          token_logprobs: pick(scored.tokenLogprobs),
          top_logprobs: pick(scored.topLogprobs),
          text_offset: pick(scored.textOffsets),
        };
        usage.inputTokens += scored.tokens.filter(
          (_token, position) => (scored.textOffsets[position] ?? 0) < prompt.length,
        ).length;
      } else {
        usage.inputTokens += result.usage.inputTokens ?? 0;
      }
      usage.outputTokens += result.usage.outputTokens ?? 0;
      choices.push({
        index,
        text: body.echo ? fullText : result.text,
        logprobs,
        finish_reason: finishReasons[result.finishReason],
      });
    }
    sendJson(response, 200, { ...base, choices, usage: usageJson(usage) });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0]?.replace(/\/+$/, '');
    if (request.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      sendJson(response, 200, {
        object: 'list',
        data: [{ id: modelId, object: 'model', created: 0, owned_by: 'parity' }],
      });
      return;
    }
    const route = path?.replace(/^\/v1/, '');
    if (request.method !== 'POST' || (route !== '/chat/completions' && route !== '/completions')) {
      throw new HttpError(404, `no route ${request.method} ${path}`, 'not_found_error');
    }
    const body = await readBody(request);
    // Cancel the model call when the client goes away before the response is complete.
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort(new Error('client disconnected'));
    });
    if (route === '/chat/completions') {
      const parsed = chatCompletionBodySchema.safeParse(body);
      if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
      await chat(parsed.data, response, controller.signal);
    } else {
      const parsed = completionBodySchema.safeParse(body);
      if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
      await complete(parsed.data, response, controller.signal);
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
      if (!response.headersSent)
        sendJson(response, status, { error: { message, type, param: null, code: null } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
