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

/**
 * Reads and parses a JSON body of at most `maxBytes` bytes: a larger one (by Content-Length, or as it arrives)
 * is refused with 413 without being read into memory.
 */
export async function readJsonBody(
  request: IncomingMessage,
  options: { maxBytes: number },
): Promise<unknown> {
  const tooLarge = (): HttpError =>
    new HttpError(413, `the request body is larger than ${options.maxBytes} bytes (see --max-body-bytes)`);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge();
  const text = await new Promise<string>((resolveBody, reject) => {
    const parts: Buffer[] = [];
    let received = 0;
    const onData = (part: Buffer): void => {
      received += part.length;
      if (received > options.maxBytes) {
        // Keep nothing more; the rest is discarded as it arrives until the refusal closes the connection.
        request.off('data', onData);
        request.resume();
        reject(tooLarge());
        return;
      }
      parts.push(part);
    };
    request.on('data', onData);
    request.once('end', () => resolveBody(Buffer.concat(parts).toString('utf8')));
    request.once('error', reject);
  });
  try {
    return JSON.parse(text);
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
