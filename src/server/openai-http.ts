import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalModel } from '../providers/local/local-model.ts';
import type { FinishReason, Usage } from '../spec/index.ts';

/** What a route of the OpenAI-compatible server needs besides the request. */
export interface OpenAIRouteContext {
  readonly model: LocalModel;
  /** The model id answered when the request names none. */
  readonly modelId: string;
  /** A fresh response id, e.g. `chatcmpl-parity-3`. */
  readonly nextId: (prefix: string) => string;
  /** Wall clock in seconds for `created` fields. */
  readonly nowSeconds: () => number;
}

/** An error answered with its status and an OpenAI-style error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message);
  }
}

export const openAIFinishReasons: Readonly<Record<FinishReason, string>> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'stop',
  other: 'stop',
  unknown: 'stop',
};

/** OpenAI's `usage` object; counts the engine did not report are 0 (OpenAI clients expect numbers). */
export function usageJson(usage: Usage) {
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

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts a server-sent-events response. */
export function startEventStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

/** One server-sent event holding `body` as JSON. */
export function eventData(body: unknown): string {
  return `data: ${JSON.stringify(body)}\n\n`;
}
