import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countTokens } from './anthropic-messages-server.ts';

/**
 * A loopback Gemini API (`POST /v1beta/models/<model>:streamGenerateContent?alt=sse`), written from the
 * bundled `@google/genai` 2.32 types and the API reference (ai.google.dev/api/generate-content):
 * - the body is the REST `GenerateContentRequest`: `contents`, `systemInstruction`, `generationConfig`
 *   (`stopSequences` at most 5, `maxOutputTokens`, `temperature`, `topP`, `seed`, `thinkingConfig` …),
 *   `safetySettings`, `tools`, `toolConfig`, `cachedContent`; anything else is a 400 INVALID_ARGUMENT
 *   ("Invalid JSON payload received. Unknown name …");
 * - SSE frames `data: <GenerateContentResponse>\r\n\r\n`, no end marker; the last carries `finishReason` and
 *   `usageMetadata` (node_modules/@google/genai/dist/genai.d.ts, `GenerateContentResponseUsageMetadata`:
 *   `candidatesTokenCount` without `thoughtsTokenCount`, `totalTokenCount` = prompt + candidates + thoughts);
 *   thoughts count against `maxOutputTokens` (python-genai issues #811, #2062);
 * - a blocked prompt: one frame with `promptFeedback.blockReason` and no candidates
 *   (`GenerateContentResponsePromptFeedback`);
 * - an error inside a 200 stream: a frame `{ error: { code, message, status, details } }`, which the SDK
 *   throws as ApiError "got status: …" (dist/node/index.cjs, `throwIfStreamErrorChunk`); RESOURCE_EXHAUSTED
 *   carries `google.rpc.RetryInfo` with `retryDelay` ("37s").
 * - function calling (ai.google.dev/gemini-api/docs/function-calling; genai.d.ts `Tool`,
 *   `FunctionDeclaration`, `FunctionCall`): `tools: [{functionDeclarations: [{name, description?,
 *   parameters | parametersJsonSchema}]}]`, a name starting with a letter or underscore of at most 128 of
 *   a-z A-Z 0-9 _ . : -, `parameters` and `parametersJsonSchema` mutually exclusive, else a 400; a reply with
 *   calls sends each as a part `{functionCall: {name, args}}` (args a JSON object, never partial) with
 *   `finishReason: STOP`.
 * Every usage it reports is kept in `reported`.
 */
const allowedBodyFields = new Set([
  'contents',
  'systemInstruction',
  'generationConfig',
  'safetySettings',
  'tools',
  'toolConfig',
  'cachedContent',
]);
const allowedGenerationFields = new Set([
  'stopSequences',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'candidateCount',
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'thinkingConfig',
]);

export interface GeminiRequestBody {
  readonly contents: readonly {
    readonly role: string;
    readonly parts: readonly { readonly text?: string }[];
  }[];
  readonly systemInstruction?: { readonly parts: readonly { readonly text?: string }[] };
  readonly generationConfig?: {
    readonly maxOutputTokens?: number;
    readonly stopSequences?: readonly string[];
    readonly thinkingConfig?: {
      readonly thinkingBudget?: number;
      readonly thinkingLevel?: string;
      readonly includeThoughts?: boolean;
    };
    readonly [field: string]: unknown;
  };
  readonly [field: string]: unknown;
}

export type GeminiReply =
  | {
      readonly type: 'text';
      readonly text: string;
      readonly thinking?: string;
      /** Sent as `functionCall` parts after the text when the request declares functions. */
      readonly functionCalls?: readonly { readonly name: string; readonly args: Record<string, unknown> }[];
    }
  | { readonly type: 'blocked'; readonly reason: string }
  /** The first text frame, then an error frame inside the 200 stream. */
  | {
      readonly type: 'stream-error';
      readonly status: 'UNAVAILABLE' | 'RESOURCE_EXHAUSTED';
      readonly retryDelay?: string;
    };

export interface GeminiReportedUsage {
  readonly promptTokenCount: number;
  readonly candidatesTokenCount: number;
  readonly thoughtsTokenCount: number;
  readonly totalTokenCount: number;
}

export interface GeminiServer {
  readonly origin: string;
  readonly requests: {
    readonly path: string;
    readonly headers: IncomingMessage['headers'];
    readonly body: GeminiRequestBody;
  }[];
  readonly reported: GeminiReportedUsage[];
  close(): Promise<void>;
}

function textOf(parts: readonly { readonly text?: string }[] | undefined): string {
  return (parts ?? []).map((part) => part.text ?? '').join('');
}

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export async function startGeminiApiServer(options: {
  readonly respond: (body: GeminiRequestBody) => GeminiReply;
  /** Whether the model thinks (Gemini 2.5 and later). Default true; otherwise a thinking budget is a 400. */
  readonly thinking?: boolean;
}): Promise<GeminiServer> {
  const requests: GeminiServer['requests'] = [];
  const reported: GeminiReportedUsage[] = [];

  function error(response: ServerResponse, code: number, status: string, message: string): void {
    response
      .writeHead(code, { 'content-type': 'application/json; charset=UTF-8' })
      .end(JSON.stringify({ error: { code, message, status } }));
  }

  function refusalFor(body: GeminiRequestBody): string | undefined {
    for (const field of Object.keys(body)) {
      if (!allowedBodyFields.has(field))
        return `Invalid JSON payload received. Unknown name "${field}": Cannot find field.`;
    }
    for (const field of Object.keys(body.generationConfig ?? {})) {
      if (!allowedGenerationFields.has(field)) {
        return `Invalid JSON payload received. Unknown name "${field}" at 'generation_config': Cannot find field.`;
      }
    }
    for (const tool of (body.tools ?? []) as { functionDeclarations?: Record<string, unknown>[] }[]) {
      for (const declaration of tool.functionDeclarations ?? []) {
        const name = declaration.name;
        if (typeof name !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/.test(name)) {
          return `* GenerateContentRequest.tools[0].function_declarations[].name: Invalid function name "${String(name)}".`;
        }
        if (declaration.parameters !== undefined && declaration.parametersJsonSchema !== undefined) {
          return `function_declarations[${name}]: parameters and parameters_json_schema are mutually exclusive`;
        }
      }
    }
    if ((body.generationConfig?.stopSequences?.length ?? 0) > 5)
      return 'stopSequences: at most 5 are allowed';
    // `ThinkingLevel` (genai.d.ts): THINKING_LEVEL_UNSPECIFIED, MINIMAL, LOW, MEDIUM, HIGH.
    const level = body.generationConfig?.thinkingConfig?.thinkingLevel;
    if (level !== undefined && !['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'].includes(String(level))) {
      return `Invalid value at 'generation_config.thinking_config.thinking_level' ("${String(level)}")`;
    }
    if (!(options.thinking ?? true) && (body.generationConfig?.thinkingConfig?.thinkingBudget ?? 0) > 0) {
      return 'Thinking is not supported by this model.';
    }
    return undefined;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of request) parts.push(part as Buffer);
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (request.method !== 'POST' || !/^\/v1beta\/models\/[^/]+:streamGenerateContent$/.test(path)) {
      return error(response, 404, 'NOT_FOUND', 'not found');
    }
    const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as GeminiRequestBody;
    requests.push({ path, headers: request.headers, body });
    const refusal = refusalFor(body);
    if (refusal) return error(response, 400, 'INVALID_ARGUMENT', refusal);

    const model = path.slice('/v1beta/models/'.length, path.indexOf(':'));
    const promptTokenCount =
      countTokens(textOf(body.systemInstruction?.parts)) +
      body.contents.reduce((sum, content) => sum + countTokens(textOf(content.parts)), 0);
    const responseId = `resp-${requests.length}`;
    const frame = (data: Record<string, unknown>) =>
      `data: ${JSON.stringify({ ...data, modelVersion: model, responseId })}\r\n\r\n`;
    const reply = options.respond(body);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });

    if (reply.type === 'blocked') {
      const usageMetadata = { promptTokenCount, totalTokenCount: promptTokenCount };
      response.end(
        frame({
          promptFeedback: {
            blockReason: reply.reason,
            safetyRatings: [
              { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
            ],
          },
          usageMetadata,
        }),
      );
      return;
    }
    if (reply.type === 'stream-error') {
      const code = reply.status === 'UNAVAILABLE' ? 503 : 429;
      const details = reply.retryDelay
        ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: reply.retryDelay }]
        : [];
      const message =
        code === 503
          ? 'The model is overloaded. Please try again later.'
          : 'Resource has been exhausted (e.g. check quota).';
      response.end(
        frame({ candidates: [{ content: { role: 'model', parts: [{ text: 'Partial ' }] }, index: 0 }] }) +
          `data: ${JSON.stringify({ error: { code, message, status: reply.status, details } })}\r\n\r\n`,
      );
      return;
    }

    const config = body.generationConfig ?? {};
    const budget = config.thinkingConfig?.thinkingBudget ?? 0;
    const thinkingText = budget > 0 ? (reply.thinking ?? 'Thinking it over.') : undefined;
    const thoughtsTokenCount =
      thinkingText === undefined ? 0 : Math.min(countTokens(thinkingText) + 2, budget);
    let text = reply.text;
    let finishReason = 'STOP';
    let earliest = -1;
    for (const stop of config.stopSequences ?? []) {
      const at = text.indexOf(stop);
      if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
    }
    if (earliest >= 0) text = text.slice(0, earliest);
    const limit = (config.maxOutputTokens ?? 8192) - thoughtsTokenCount;
    const pieces: string[] = [];
    let candidatesTokenCount = 0;
    for (const piece of words(text)) {
      const tokens = countTokens(piece);
      if (candidatesTokenCount + tokens > limit) {
        finishReason = 'MAX_TOKENS';
        break;
      }
      candidatesTokenCount += tokens;
      pieces.push(piece);
    }
    const usage: GeminiReportedUsage = {
      promptTokenCount,
      candidatesTokenCount,
      thoughtsTokenCount,
      totalTokenCount: promptTokenCount + candidatesTokenCount + thoughtsTokenCount,
    };
    reported.push(usage);
    const frames: string[] = [];
    if (thinkingText !== undefined && config.thinkingConfig?.includeThoughts) {
      frames.push(
        frame({
          candidates: [
            { content: { role: 'model', parts: [{ text: thinkingText, thought: true }] }, index: 0 },
          ],
        }),
      );
    }
    const calls = body.tools === undefined ? [] : (reply.functionCalls ?? []);
    const chunks: Record<string, unknown>[][] = (pieces.length > 0 ? pieces : ['']).map((piece) => [
      { text: piece },
    ]);
    // Each call whole in a frame of its own after the text.
    if (calls.length > 0 && pieces.length === 0) chunks.pop();
    for (const call of calls) chunks.push([{ functionCall: { name: call.name, args: call.args } }]);
    chunks.forEach((chunkParts, position) => {
      const last = position === chunks.length - 1;
      frames.push(
        frame({
          candidates: [
            {
              content: { role: 'model', parts: chunkParts },
              index: 0,
              ...(last ? { finishReason } : {}),
            },
          ],
          // Every frame carries the usage so far (the API sends usageMetadata on each chunk).
          usageMetadata: last
            ? { ...usage, ...(thoughtsTokenCount === 0 ? { thoughtsTokenCount: undefined } : {}) }
            : { promptTokenCount, totalTokenCount: promptTokenCount },
        }),
      );
    });
    response.end(frames.join(''));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reported,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
