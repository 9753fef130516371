import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorReply, FlavourRules, UsageCounts } from './flavour-rules.ts';

/**
 * A loopback server that answers like one OpenAI-compatible server (see `flavours.ts`), with a
 * deterministic "model": its answer depends only on the prompt, its token counts are whitespace-separated
 * pieces (prompt tokens ≈ characters / 4), reasoning models think a fixed text first, and the token budget
 * covers reasoning and answer together. Routes: GET /v1/models, POST /v1/chat/completions, /v1/completions
 * and, for flavours that have it, /v1/responses.
 */
export interface FlavourServer {
  /** Base URL ending in /v1. */
  readonly url: string;
  readonly rules: FlavourRules;
  /** Every request: path and body, in arrival order. */
  readonly requests: { readonly path: string; readonly body: Record<string, unknown> }[];
  /** What each successful response reported, by response id, in parity's terms. */
  readonly reported: Map<string, ReturnType<FlavourRules['reportedUsage']>>;
  close(): Promise<void>;
}

export const reasoningText =
  'The question asks for one thing. Check each option in turn. Then decide on the answer. ';
const codeAnswer = '    return sorted(set(values))\n\n\ndef unused():\n    pass\n';
const textAnswer = 'First, 3 + 4 = 7. The answer is 7.\nThe best answer is B.\n\nQ: What comes next?';

export function pieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [];
}

function promptTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function cachedTokens(prompt: number): number {
  return prompt >= 8 ? Math.floor(prompt / 2) : 0;
}

function stopList(body: Record<string, unknown>): string[] {
  const stop = body.stop;
  if (typeof stop === 'string') return [stop];
  return Array.isArray(stop) ? stop.filter((entry): entry is string => typeof entry === 'string') : [];
}

function earliest(text: string, stops: readonly string[]): { index: number; stop: string } | undefined {
  let found: { index: number; stop: string } | undefined;
  for (const stop of stops) {
    const index = text.indexOf(stop);
    if (stop !== '' && index !== -1 && (found === undefined || index < found.index)) found = { index, stop };
  }
  return found;
}

/** One generated answer: reasoning and content pieces, counts, finish reason. */
export interface Generation {
  readonly reasoning: readonly string[];
  readonly content: readonly string[];
  readonly finishReason: string;
  readonly counts: UsageCounts;
}

export function generate(options: {
  rules: FlavourRules;
  model: string;
  prompt: string;
  body: Record<string, unknown>;
}): Generation {
  const { rules, model, prompt, body } = options;
  const budget = rules.budget(body) ?? Number.POSITIVE_INFINITY;
  const stops = stopList(body);
  const thinks = rules.isReasoningModel(model);
  let reasoning = thinks ? pieces(reasoningText) : [];
  let answer = /def \w+\(/.test(prompt) && /"""/.test(prompt) ? codeAnswer : textAnswer;
  const wantsMinimum = body.ignore_eos === true || typeof body.min_tokens === 'number';
  if (wantsMinimum && !rules.ignoresMinTokens && Number.isFinite(budget)) {
    while (pieces(answer).length < budget) answer += ' more';
  }
  let finishReason = 'stop';
  let content = pieces(answer);
  if (rules.stopInReasoning && thinks) {
    const hit = earliest(reasoning.join(''), stops);
    if (hit) {
      // The server stops at a stop string found inside the reasoning: no answer at all.
      reasoning = pieces(reasoning.join('').slice(0, hit.index));
      content = [];
    }
  }
  if (content.length > 0) {
    const hit = earliest(content.join(''), stops);
    if (hit) {
      const end = hit.index + (rules.keepsStopString ? hit.stop.length : 0);
      const kept = content.join('').slice(0, end);
      content = kept === '' ? [] : (kept.match(/\s*\S+\s*|\s+$/g) ?? [kept]);
      finishReason = rules.stopFinishReason ?? 'stop';
    }
  }
  if (reasoning.length >= budget) {
    reasoning = reasoning.slice(0, budget);
    content = [];
    finishReason = 'length';
  } else if (reasoning.length + content.length > budget) {
    content = content.slice(0, budget - reasoning.length);
    finishReason = 'length';
  }
  const promptCount = promptTokens(prompt);
  return {
    reasoning,
    content,
    finishReason,
    counts: {
      prompt: promptCount,
      cached: cachedTokens(promptCount),
      completion: reasoning.length + content.length,
      reasoning: reasoning.length,
    },
  };
}

const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

function rateLimitHeaders(rules: FlavourRules, index: number): Record<string, string> {
  if (!rules.rateLimitHeaders) return {};
  return {
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': String(9999 - (index % 100)),
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-tokens': '29990000',
    'x-ratelimit-reset-tokens': '20ms',
  };
}

function sendError(response: ServerResponse, error: ErrorReply, headers: Record<string, string> = {}): void {
  if (typeof error.body === 'string') {
    response
      .writeHead(error.status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
      .end(error.body);
    return;
  }
  response.writeHead(error.status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(error.body));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function chatPrompt(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  return messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
}

/** One token per character of the prompt, each with a log-probability from its character code. */
export function echoTokens(prompt: string, bosToken: string | undefined) {
  const tokens = [...(bosToken ? [bosToken] : []), ...prompt];
  let offset = 0;
  const textOffset = tokens.map((token) => {
    const at = offset;
    offset += token.length;
    return at;
  });
  const logprob = (token: string) => -(((token.codePointAt(0) ?? 0) % 7) + 1) / 10;
  return {
    tokens,
    token_logprobs: tokens.map((token, index) => (index === 0 ? null : logprob(token))),
    top_logprobs: tokens.map((token, index) => (index === 0 ? null : { [token]: logprob(token) })),
    text_offset: textOffset,
  };
}

export async function startFlavourServer(rules: FlavourRules): Promise<FlavourServer> {
  const requests: FlavourServer['requests'] = [];
  const reported: FlavourServer['reported'] = new Map();
  let index = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (request.method === 'GET' && path === '/v1/models') {
      const data = rules.models.map((id) => ({ id, object: 'model', created: 0, owned_by: rules.name }));
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data }));
      return;
    }
    const body = await readBody(request);
    const number = index++;
    requests.push({ path, body });
    const headers = rateLimitHeaders(rules, number);
    const model = typeof body.model === 'string' ? body.model : (rules.models[0] ?? 'model');
    const id = `${rules.name}-${number}`;
    if (path === '/v1/chat/completions') {
      const refusal = rules.refuseChat?.(body, model);
      if (refusal) return sendError(response, refusal, headers);
      const prompt = chatPrompt(body);
      if (promptTokens(prompt) > rules.contextTokens) return contextError(response, rules, prompt, headers);
      const generation = generate({ rules, model, prompt, body });
      return sendChat({ response, rules, body, model, id, generation, headers, reported });
    }
    if (path === '/v1/completions') {
      const refusal = rules.refuseCompletions?.(body, model);
      if (refusal) return sendError(response, refusal, headers);
      const prompt = typeof body.prompt === 'string' ? body.prompt : '';
      if (promptTokens(prompt) > rules.contextTokens) return contextError(response, rules, prompt, headers);
      const generation = generate({ rules, model, prompt, body });
      return sendCompletion({ response, rules, body, model, id, prompt, generation, headers, reported });
    }
    if (path === '/v1/responses' && rules.responses) {
      return sendResponses({ response, rules, body, model, id, headers, reported });
    }
    sendError(response, { status: 404, body: { error: { message: `no route ${path}`, type: 'not_found' } } });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else
        sendError(response, {
          status: 500,
          body: { error: { message: String(error), type: 'server_error' } },
        });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    rules,
    requests,
    reported,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function contextError(
  response: ServerResponse,
  rules: FlavourRules,
  prompt: string,
  headers: Record<string, string>,
): void {
  const error = rules.contextError(promptTokens(prompt));
  if (!error.inStream) return sendError(response, error, headers);
  response.writeHead(200, { ...sseHeaders, ...headers });
  response.end(`data: ${JSON.stringify(error.body)}\n\ndata: [DONE]\n\n`);
}

function includeUsage(rules: FlavourRules, body: Record<string, unknown>): boolean {
  const asked = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  return asked || !rules.usageOnlyWhenAsked;
}

interface SendOptions {
  readonly response: ServerResponse;
  readonly rules: FlavourRules;
  readonly body: Record<string, unknown>;
  readonly model: string;
  readonly id: string;
  readonly headers: Record<string, string>;
  readonly reported: FlavourServer['reported'];
}

function sendChat(options: SendOptions & { generation: Generation }): void {
  const { response, rules, body, model, id, generation, headers } = options;
  options.reported.set(id, rules.reportedUsage(generation.counts));
  const usage = rules.usageJson(generation.counts);
  const base = { id, object: 'chat.completion.chunk', created: 0, model };
  const reasoningDelta = (text: string) =>
    rules.reasoningField === 'hidden' ? undefined : { [rules.reasoningField]: text };
  if (body.stream !== true) {
    const reasoning = generation.reasoning.join('');
    const message = {
      role: 'assistant',
      content: generation.content.join(''),
      ...(reasoning && rules.reasoningField !== 'hidden' ? { [rules.reasoningField]: reasoning } : {}),
    };
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: generation.finishReason }],
        usage,
      }),
    );
    return;
  }
  const frames: unknown[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  ];
  for (const piece of generation.reasoning) {
    const delta = reasoningDelta(piece);
    if (delta) frames.push({ ...base, choices: [{ index: 0, delta, finish_reason: null }] });
  }
  for (const piece of generation.content) {
    frames.push({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  frames.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: generation.finishReason }] });
  if (includeUsage(rules, body)) frames.push({ ...base, choices: [], usage });
  response.writeHead(200, { ...sseHeaders, ...headers });
  response.end(`${frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join('')}data: [DONE]\n\n`);
}

function sendCompletion(options: SendOptions & { prompt: string; generation: Generation }): void {
  const { response, rules, body, model, id, prompt, generation, headers } = options;
  const base = { id, object: 'text_completion', created: 0, model };
  const usage = rules.usageJson(generation.counts);
  options.reported.set(id, rules.reportedUsage(generation.counts));
  if (body.stream !== true && body.logprobs !== undefined && body.logprobs !== null) {
    // Scoring requests (echo + logprobs, max_tokens 1): one character is one token here, and one is generated.
    const generated = 'F';
    const echoed = body.echo === true && rules.echo.supported;
    const logprobs = echoed
      ? echoTokens(prompt + generated, rules.echo.bosToken)
      : echoTokens(generated, undefined); // without echo, only the generated token comes back
    const counts = {
      prompt: [...prompt].length + (rules.echo.bosToken ? 1 : 0),
      cached: 0,
      completion: 1,
      reasoning: 0,
    };
    options.reported.set(id, rules.reportedUsage(counts));
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(
      JSON.stringify({
        ...base,
        choices: [
          { index: 0, text: echoed ? prompt + generated : generated, logprobs, finish_reason: 'length' },
        ],
        usage: rules.usageJson(counts),
      }),
    );
    return;
  }
  if (body.stream !== true) {
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    response.end(
      JSON.stringify({
        ...base,
        choices: [
          {
            index: 0,
            text: generation.content.join(''),
            logprobs: null,
            finish_reason: generation.finishReason,
          },
        ],
        usage,
      }),
    );
    return;
  }
  const zero =
    rules.zeroUsageOnEveryChunk && includeUsage(rules, body)
      ? { usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } }
      : {};
  const frames: unknown[] = generation.content.map((piece) => ({
    ...base,
    choices: [{ index: 0, text: piece, logprobs: null, finish_reason: null }],
    ...zero,
  }));
  frames.push({
    ...base,
    choices: [{ index: 0, text: '', logprobs: null, finish_reason: generation.finishReason }],
    ...zero,
  });
  if (includeUsage(rules, body)) frames.push({ ...base, choices: [], usage });
  response.writeHead(200, { ...sseHeaders, ...headers });
  response.end(`${frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join('')}data: [DONE]\n\n`);
}

/**
 * The Responses API, from the `openai` SDK's types (resources/responses/responses.d.ts): `instructions` +
 * `input` in; `max_output_tokens` (≥ 16), no `stop`, no `seed`; events `response.created`,
 * `response.output_item.added`, `response.reasoning_summary_text.delta`, `response.output_text.delta`,
 * `response.output_text.done`, `response.completed` or `response.incomplete` (usage with
 * `input_tokens_details.cached_tokens` and `output_tokens_details.reasoning_tokens`).
 */
function sendResponses(options: SendOptions): void {
  const { response, rules, body, model, id, headers } = options;
  for (const field of ['stop', 'seed', 'max_tokens', 'messages']) {
    if (field in body) {
      return sendError(
        response,
        {
          status: 400,
          body: {
            error: {
              message: `Unknown parameter: '${field}'.`,
              type: 'invalid_request_error',
              param: field,
              code: 'unknown_parameter',
            },
          },
        },
        headers,
      );
    }
  }
  const maxOutput = body.max_output_tokens;
  if (typeof maxOutput === 'number' && maxOutput < 16) {
    return sendError(
      response,
      {
        status: 400,
        body: {
          error: {
            message: `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${maxOutput} instead.`,
            type: 'invalid_request_error',
            param: 'max_output_tokens',
            code: 'integer_below_min_value',
          },
        },
      },
      headers,
    );
  }
  const input = Array.isArray(body.input) ? (body.input as { content?: unknown }[]) : [];
  const prompt = [
    typeof body.instructions === 'string' ? body.instructions : '',
    ...input.map((entry) => String(entry.content ?? '')),
  ].join('\n');
  const generation = generate({ rules, model, prompt, body: { max_tokens: maxOutput } });
  options.reported.set(id, rules.reportedUsage(generation.counts));
  const counts = generation.counts;
  const usage = {
    input_tokens: counts.prompt,
    input_tokens_details: { cached_tokens: counts.cached },
    output_tokens: counts.completion,
    output_tokens_details: { reasoning_tokens: counts.reasoning },
    total_tokens: counts.prompt + counts.completion,
  };
  const incomplete = generation.finishReason === 'length';
  const final = {
    id,
    object: 'response',
    created_at: 0,
    model,
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output: [],
    usage,
  };
  let sequence = 0;
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`;
  let text = event('response.created', { response: { ...final, status: 'in_progress', usage: null } });
  text += event('response.output_item.added', {
    output_index: 0,
    item: { id: 'rs_1', type: 'reasoning', summary: [] },
  });
  for (const piece of generation.reasoning) {
    text += event('response.reasoning_summary_text.delta', {
      item_id: 'rs_1',
      output_index: 0,
      summary_index: 0,
      delta: piece,
    });
  }
  for (const piece of generation.content) {
    text += event('response.output_text.delta', {
      item_id: 'msg_1',
      output_index: 1,
      content_index: 0,
      delta: piece,
      logprobs: [],
    });
  }
  text += event('response.output_text.done', {
    item_id: 'msg_1',
    output_index: 1,
    content_index: 0,
    text: generation.content.join(''),
    logprobs: [],
  });
  text += event(incomplete ? 'response.incomplete' : 'response.completed', { response: final });
  response.writeHead(200, { ...sseHeaders, ...headers });
  response.end(text);
}
