import { createHttp1ConnectionPool } from './http1-connection-pool.ts';
import { createSseSplitter, readStreamPayload } from './stream-event-reader.ts';

/** One request of the load: a prompt and a fixed output length. */
export interface LoadRequest {
  /** The prompt: the user message of chat requests, the `prompt` of completions requests. */
  readonly prompt: string;
  /** Chat requests send these instead of one user message holding `prompt` (benchmark prompts with shots). */
  readonly messages?: readonly { readonly role: string; readonly content: string }[];
  /** Prompt tokens asked for (synthetic prompts) or known; the fallback when the server reports none. */
  readonly expectedInputTokens?: number;
  readonly maxTokens: number;
  /** Also send vLLM's `ignore_eos: true` and `min_tokens: maxTokens`, so every reply has `maxTokens` tokens. */
  readonly ignoreEos: boolean;
}

/** What the client saw of one request. Times are on the client's clock (milliseconds). */
export interface RequestOutcome {
  /** Taken just before the request is written to a connected socket (else when it was created). */
  readonly startMs: number;
  /** Arrival time of every chunk that carried non-empty text, in order. */
  readonly textChunkTimesMs: readonly number[];
  /** Arrival of the first chunk with a non-empty `choices` array, text or not (where vLLM starts its TTFT). */
  readonly firstChoiceMs?: number;
  /** Arrival of the first chunk with non-empty reasoning text (`reasoning_content`/`reasoning`), if any. */
  readonly firstReasoningMs?: number;
  /** Arrival of the first chunk with non-empty answer text (`delta.content`, completions `text`), if any. */
  readonly firstContentMs?: number;
  /** When the response ended (or failed). */
  readonly endMs: number;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly expectedInputTokens?: number;
  /** Set when the request failed; the other fields then describe what arrived before the failure. */
  readonly error?: { readonly message: string; readonly statusCode?: number };
}

export interface StreamingClientOptions {
  /** OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1. */
  readonly baseUrl: string;
  readonly modelId: string;
  /** Sent as a bearer token; never recorded. */
  readonly apiKey?: string;
  /** `chat` → POST /chat/completions with one user message; `completions` → POST /completions. */
  readonly endpoint: 'chat' | 'completions';
  /** Keep-alive sockets to open at most: the step's concurrency, or Infinity for open-loop arrivals. */
  readonly maxSockets: number;
  /** Monotonic clock in milliseconds. */
  readonly now: () => number;
  /** Per-request timeout in milliseconds (no bytes for this long fails the request). */
  readonly timeoutMs: number;
}

export interface StreamingClient {
  /**
   * Opens keep-alive connections until `count` are open, so that a step's first wave of requests does not pay
   * for TCP/TLS handshakes (or the server's accept work) inside its measured latency.
   */
  preconnect(count: number): Promise<void>;
  send(request: LoadRequest, options?: { signal?: AbortSignal }): Promise<RequestOutcome>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/**
 * A lean streaming client for load generation: its own HTTP/1.1 connection pool (http1-connection-pool.ts), no
 * SDK, one timestamp per socket read taken before any parsing, and the send time taken just before the request
 * is written to a connected socket (so opening a connection, or waiting behind requests this process creates
 * in the same tick, is not counted as the server's latency). Asks for `stream_options.include_usage` so token
 * counts come from the server. Never throws: failures are returned in `error`.
 */
export function createStreamingClient(options: StreamingClientOptions): StreamingClient {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const url = new URL(options.endpoint === 'chat' ? 'chat/completions' : 'completions', base);
  const pool = createHttp1ConnectionPool({ url, maxSockets: options.maxSockets, now: options.now });
  const head =
    `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
    'Content-Type: application/json\r\nAccept: text/event-stream\r\n' +
    (options.apiKey ? `Authorization: Bearer ${options.apiKey}\r\n` : '');
  // One watchdog for every request in flight: a timer per request costs more than the request.
  const inFlight = new Set<{ lastActivityMs: number; fail: () => void }>();
  let watchdog: NodeJS.Timeout | undefined;
  const watch = (entry: { lastActivityMs: number; fail: () => void }): void => {
    inFlight.add(entry);
    watchdog ??= setInterval(
      () => {
        const nowMs = options.now();
        for (const waiting of inFlight)
          if (nowMs - waiting.lastActivityMs > options.timeoutMs) waiting.fail();
      },
      Math.min(1000, Math.max(10, options.timeoutMs / 4)),
    ).unref();
  };

  return {
    preconnect: (count) => pool.preconnect(count),
    close: () => {
      if (watchdog) clearInterval(watchdog);
      pool.close();
    },
    send: (loadRequest, callOptions = {}) =>
      new Promise<RequestOutcome>((resolve) => {
        const body = latin1Bytes(requestBody(options, loadRequest));
        const textChunkTimesMs: number[] = [];
        let firstChoiceMs: number | undefined;
        let firstReasoningMs: number | undefined;
        let firstContentMs: number | undefined;
        let promptTokens: number | undefined;
        let completionTokens: number | undefined;
        let streamError: string | undefined;
        let statusCode = 0;
        let errorText = '';
        let settled = false;
        // Replaced by the time of the write; kept for requests that fail before it.
        let startMs = options.now();
        let chunkTimeMs = 0;
        const signal = callOptions.signal;
        const activity = {
          lastActivityMs: startMs,
          fail: () => exchange.cancel(new Error(`no data for ${options.timeoutMs} ms`)),
        };
        const finish = (error?: { message: string; statusCode?: number }): void => {
          if (settled) return;
          settled = true;
          inFlight.delete(activity);
          signal?.removeEventListener('abort', onAbort);
          resolve({
            startMs,
            textChunkTimesMs,
            ...(firstChoiceMs === undefined ? {} : { firstChoiceMs }),
            ...(firstReasoningMs === undefined ? {} : { firstReasoningMs }),
            ...(firstContentMs === undefined ? {} : { firstContentMs }),
            endMs: options.now(),
            ...(promptTokens === undefined ? {} : { promptTokens }),
            ...(completionTokens === undefined ? {} : { completionTokens }),
            ...(loadRequest.expectedInputTokens === undefined
              ? {}
              : { expectedInputTokens: loadRequest.expectedInputTokens }),
            ...(error ? { error } : {}),
          });
        };
        const splitter = createSseSplitter((payload) => {
          for (const event of readStreamPayload(payload)) {
            if (event.type === 'text-delta') {
              textChunkTimesMs.push(chunkTimeMs);
              firstChoiceMs ??= chunkTimeMs;
              if (event.reasoning) firstReasoningMs ??= chunkTimeMs;
              if (event.content) firstContentMs ??= chunkTimeMs;
            } else if (event.type === 'choice-chunk') firstChoiceMs ??= chunkTimeMs;
            else if (event.type === 'usage-report') {
              promptTokens = event.promptTokens ?? promptTokens;
              completionTokens = event.completionTokens ?? completionTokens;
            } else if (event.type === 'error-report') streamError ??= event.message;
          }
        });
        const exchange = pool.exchange(`${head}Content-Length: ${body.length}\r\n\r\n${body}`, {
          onSent: (sentMs) => {
            startMs = sentMs;
            activity.lastActivityMs = sentMs;
          },
          onHead: (status) => {
            statusCode = status;
          },
          onBody: (text, arrivalMs) => {
            activity.lastActivityMs = arrivalMs;
            if (statusCode !== 200) {
              if (errorText.length < 2000) errorText += text;
              return;
            }
            chunkTimeMs = arrivalMs;
            splitter(text);
          },
          onEnd: () => {
            if (statusCode !== 200)
              finish({ message: httpErrorMessage(statusCode, utf8(errorText)), statusCode });
            else if (streamError !== undefined) finish({ message: utf8(streamError) });
            else if (textChunkTimesMs.length === 0) finish({ message: 'the stream carried no output text' });
            else finish();
          },
          onError: (error) => finish({ message: error.message, ...(statusCode === 0 ? {} : { statusCode }) }),
        });
        const onAbort = (): void => exchange.cancel(new Error('cancelled'));
        watch(activity);
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

/** The UTF-8 bytes of `text` as a latin1 string (one char per byte), which is how the pool writes. */
function latin1Bytes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** Text the pool decoded as latin1, back to UTF-8. */
function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

function requestBody(options: StreamingClientOptions, request: LoadRequest): string {
  const fixedLength = request.ignoreEos ? { ignore_eos: true, min_tokens: request.maxTokens } : {};
  const common = {
    model: options.modelId,
    max_tokens: request.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0,
    ...fixedLength,
  };
  return JSON.stringify(
    options.endpoint === 'chat'
      ? { ...common, messages: request.messages ?? [{ role: 'user', content: request.prompt }] }
      : { ...common, prompt: request.prompt },
  );
}

function httpErrorMessage(status: number, text: string): string {
  let message = text.trim();
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const detail =
      typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof detail === 'string') message = detail;
  } catch {
    // Not JSON: keep the text.
  }
  return `HTTP ${status}${message ? `: ${message.slice(0, 300)}` : ''}`;
}
