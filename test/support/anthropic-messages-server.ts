import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback Anthropic Messages API (`POST /v1/messages`, streaming) that follows the API version the bundled
 * SDK sends, written from the SDK's own types and docs:
 * - `anthropic-version: 2026-10-21` (node_modules/@anthropic-ai/sdk/client.js, `buildHeaders`); another
 *   version is refused;
 * - the request may hold only the body fields of `MessageCreateParamsBase`
 *   (node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts, `interface MessageCreateParamsBase`):
 *   no `temperature`, `top_p`, `top_k` — anything else is a 400 "<field>: Extra inputs are not permitted";
 * - `messages` ending in an assistant turn on a model without prefill: 400 "Prefilling assistant messages is
 *   not supported for this model." (same file, `messages` doc: "On models that don't support prefill …
 *   returns a 400 error");
 * - stop sequences must hold a non-whitespace character ("each stop sequence must contain non-whitespace");
 * - `thinking: { type: 'enabled', budget_tokens }` needs a budget ≥ 1024 and below `max_tokens`
 *   (`ThinkingConfigEnabled` doc);
 * - the stream: `message_start` (input usage: `input_tokens` after the cache breakpoint,
 *   `cache_read_input_tokens`, `cache_creation_input_tokens`), a `thinking` block with `thinking_delta` and
 *   `signature_delta` when thinking, the `text` block's `text_delta`s, `message_delta` (stop reason and the
 *   cumulative `MessageDeltaUsage`, with `output_tokens_details.thinking_tokens`), `message_stop`; errors as
 *   `{ type: 'error', error: { type, message } }` (`RawMessageStreamEvent`, `MessageDeltaUsage`,
 *   `OutputTokensDetails`).
 * - client tools (docs.anthropic.com "Tool use with Claude", "Specifying client tools"; `Tool`): each
 *   `{name, description?, input_schema}` with a name matching `^[a-zA-Z0-9_-]{1,64}$` and an `input_schema` of
 *   `type: "object"`, else a 400; a reply with tool calls streams each as a `tool_use` block —
 *   `content_block_start` `{type: "tool_use", id, name, input: {}}`, its input as `input_json_delta`
 *   `partial_json` pieces, `content_block_stop` — and stops with `stop_reason: "tool_use"`
 *   (docs.anthropic.com "Streaming Messages", "Input JSON delta"; `RawContentBlockStartEvent`, `InputJSONDelta`).
 * Every usage it reports is kept in `reported` so that tests can compare parity's totals with the server's.
 */
export const anthropicApiVersion = '2026-10-21';

const allowedBodyFields = new Set([
  'max_tokens',
  'messages',
  'model',
  'cache_control',
  'container',
  'diagnostics',
  'inference_geo',
  'metadata',
  'output_config',
  'service_tier',
  'speed',
  'stop_sequences',
  'stream',
  'system',
  'thinking',
  'tool_choice',
  'tools',
]);

export interface AnthropicMessagesBody {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly system?: string;
  readonly stop_sequences?: readonly string[];
  readonly thinking?: { readonly type: string; readonly budget_tokens?: number };
  readonly [field: string]: unknown;
}

export interface AnthropicReply {
  /** The answer text, streamed one word per `text_delta`. */
  readonly text: string;
  /** Thinking text, sent as a `thinking` block when the request enabled thinking. */
  readonly thinking?: string;
  /** Tool calls (`input` as JSON text), sent as `tool_use` blocks after the text when the request has tools. */
  readonly toolCalls?: readonly { readonly name: string; readonly input: string }[];
}

/** What the server reported for one request (the wire fields). */
export interface AnthropicReportedUsage {
  readonly input_tokens: number;
  readonly cache_read_input_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly output_tokens: number;
  readonly thinking_tokens: number;
}

export interface AnthropicServerOptions {
  readonly respond: (body: AnthropicMessagesBody) => AnthropicReply;
  /** Whether the model accepts a trailing assistant turn. Default false (current models). */
  readonly prefill?: boolean;
  /**
   * Prompt caching: the system prompt is the cached prefix; the first request with a system prompt writes it
   * to the cache, later ones read it. Default true.
   */
  readonly promptCache?: boolean;
}

export interface AnthropicServer {
  readonly origin: string;
  readonly requests: { readonly headers: IncomingMessage['headers']; readonly body: AnthropicMessagesBody }[];
  /** Usage reported for each answered request, in order. */
  readonly reported: AnthropicReportedUsage[];
  /** 400s sent, with their messages. */
  readonly refusals: string[];
  close(): Promise<void>;
}

/** Tokens of a text for this server: one per word or punctuation run (deterministic, roughly realistic). */
export function countTokens(text: string): number {
  return text.match(/\w+|[^\w\s]+/g)?.length ?? 0;
}

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export async function startAnthropicMessagesServer(
  options: AnthropicServerOptions,
): Promise<AnthropicServer> {
  const requests: AnthropicServer['requests'] = [];
  const reported: AnthropicReportedUsage[] = [];
  const refusals: string[] = [];
  const cachedPrefixes = new Set<string>();

  function refuse(response: ServerResponse, message: string, status = 400): void {
    refusals.push(message);
    const type = status === 400 ? 'invalid_request_error' : 'api_error';
    response
      .writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_test' })
      .end(JSON.stringify({ type: 'error', error: { type, message } }));
  }

  /** The first reason this version of the API refuses the body, or undefined. */
  function refusalFor(headers: IncomingMessage['headers'], body: AnthropicMessagesBody): string | undefined {
    if (headers['anthropic-version'] !== anthropicApiVersion) {
      return `anthropic-version: unsupported version ${String(headers['anthropic-version'])}`;
    }
    for (const field of Object.keys(body)) {
      if (!allowedBodyFields.has(field)) return `${field}: Extra inputs are not permitted`;
    }
    if (typeof body.max_tokens !== 'number' || body.max_tokens < 1) return 'max_tokens: Field required';
    if (body.messages.at(-1)?.role === 'assistant' && !(options.prefill ?? false)) {
      return 'Prefilling assistant messages is not supported for this model.';
    }
    for (const stop of body.stop_sequences ?? []) {
      if (!/\S/.test(stop)) return 'stop_sequences: each stop sequence must contain non-whitespace';
    }
    // `OutputConfig.effort`: 'low' | 'medium' | 'high' | 'xhigh' | 'max'.
    const effort = (body.output_config as { effort?: unknown } | undefined)?.effort;
    if (effort !== undefined && !['low', 'medium', 'high', 'xhigh', 'max'].includes(String(effort))) {
      return "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'";
    }
    if (body.tools !== undefined) {
      if (!Array.isArray(body.tools)) return 'tools: Input should be a valid list';
      for (const [index, tool] of (
        body.tools as { name?: unknown; input_schema?: { type?: unknown } }[]
      ).entries()) {
        if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name)) {
          return `tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
        }
        if (tool.input_schema?.type !== 'object')
          return `tools.${index}.custom.input_schema.type: Field required`;
      }
    }
    const thinking = body.thinking;
    if (thinking?.type === 'enabled') {
      const budget = thinking.budget_tokens ?? 0;
      if (budget < 1024)
        return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
      if (budget >= body.max_tokens) return '`max_tokens` must be greater than `thinking.budget_tokens`';
    }
    return undefined;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of request) parts.push(part as Buffer);
    if (request.method !== 'POST' || (request.url ?? '').split('?')[0] !== '/v1/messages') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"type":"error"}');
      return;
    }
    const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as AnthropicMessagesBody;
    requests.push({ headers: request.headers, body });
    const refusal = refusalFor(request.headers, body);
    if (refusal) return refuse(response, refusal);

    const reply = options.respond(body);
    const thinkingEnabled = body.thinking?.type === 'enabled';
    const thinkingText = thinkingEnabled ? (reply.thinking ?? 'Let me think.') : undefined;
    const thinkingTokens = thinkingText === undefined ? 0 : countTokens(thinkingText) + 2;
    // The answer, cut at the first stop sequence (the API's own `stop_sequence` stop) or at max_tokens.
    let text = reply.text;
    let stopReason = 'end_turn';
    let matched: string | null = null;
    for (const stop of body.stop_sequences ?? []) {
      const at = text.indexOf(stop);
      if (at >= 0 && (matched === null || at < text.indexOf(matched))) matched = stop;
    }
    if (matched !== null) {
      text = text.slice(0, text.indexOf(matched));
      stopReason = 'stop_sequence';
    }
    const answerBudget = body.max_tokens - thinkingTokens;
    const pieces: string[] = [];
    let answerTokens = 0;
    for (const piece of words(text)) {
      const tokens = countTokens(piece);
      if (answerTokens + tokens > answerBudget) {
        stopReason = 'max_tokens';
        break;
      }
      answerTokens += tokens;
      pieces.push(piece);
    }

    const system = body.system ?? '';
    const promptTokens =
      countTokens(system) + body.messages.reduce((sum, message) => sum + countTokens(message.content), 0) + 3;
    let cacheRead = 0;
    let cacheWrite = 0;
    if ((options.promptCache ?? true) && system !== '') {
      if (cachedPrefixes.has(system)) cacheRead = countTokens(system);
      else cacheWrite = countTokens(system);
      cachedPrefixes.add(system);
    }
    const usage: AnthropicReportedUsage = {
      input_tokens: promptTokens - cacheRead - cacheWrite,
      cache_read_input_tokens: cacheRead,
      cache_creation_input_tokens: cacheWrite,
      output_tokens: thinkingTokens + answerTokens,
      thinking_tokens: thinkingTokens,
    };
    reported.push(usage);

    const sse = (data: Record<string, unknown>) =>
      `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
    const frames: string[] = [
      sse({
        type: 'message_start',
        message: {
          id: `msg_${String(requests.length).padStart(6, '0')}`,
          type: 'message',
          role: 'assistant',
          content: [],
          model: body.model,
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: usage.input_tokens,
            cache_read_input_tokens: cacheRead,
            cache_creation_input_tokens: cacheWrite,
            cache_creation: null,
            output_tokens: 1,
            output_tokens_details: null,
            server_tool_use: null,
            service_tier: 'standard',
            inference_geo: null,
            speed: null,
          },
        },
      }),
    ];
    let index = 0;
    if (thinkingText !== undefined) {
      frames.push(
        sse({
          type: 'content_block_start',
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        }),
        sse({
          type: 'content_block_delta',
          index,
          delta: { type: 'thinking_delta', thinking: thinkingText },
        }),
        sse({
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: 'c2lnbmF0dXJl' },
        }),
        sse({ type: 'content_block_stop', index }),
      );
      index += 1;
    }
    frames.push(
      sse({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } }),
      sse({ type: 'ping' }),
      ...pieces.map((piece) =>
        sse({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }),
      ),
      sse({ type: 'content_block_stop', index }),
    );
    const toolCalls = body.tools === undefined ? [] : (reply.toolCalls ?? []);
    for (const [position, call] of toolCalls.entries()) {
      index += 1;
      // The input in pieces of at most 7 characters, as the API streams it.
      const pieces = call.input.match(/[\s\S]{1,7}/g) ?? [];
      frames.push(
        sse({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: `toolu_${position}`, name: call.name, input: {} },
        }),
        ...pieces.map((piece) =>
          sse({
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: piece },
          }),
        ),
        sse({ type: 'content_block_stop', index }),
      );
    }
    if (toolCalls.length > 0 && stopReason === 'end_turn') stopReason = 'tool_use';
    frames.push(
      sse({
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: matched },
        usage: {
          input_tokens: usage.input_tokens,
          cache_read_input_tokens: cacheRead,
          cache_creation_input_tokens: cacheWrite,
          output_tokens: usage.output_tokens,
          output_tokens_details: { thinking_tokens: thinkingTokens },
          server_tool_use: null,
        },
      }),
      sse({ type: 'message_stop' }),
    );
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.end(frames.join(''));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reported,
    refusals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
