import { z } from 'zod';
import type { CallOptions, ContextWindow } from '../../spec/language-model.ts';
import { startCallDeadline } from '../shared/call-deadline.ts';

const tokens = z.number().int().positive();

/**
 * `GET /v1/models`. vLLM's ModelCard carries `max_model_len` (vllm/entrypoints/openai/protocol.py, class
 * ModelCard, `max_model_len: Optional[int] = None`, @0052bed3); llama.cpp's server puts `meta.n_ctx_train`
 * (the model's training context) on its one entry (tools/server README, "GET /v1/models", @25d5b0c5).
 */
const modelListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      max_model_len: tokens.nullish(),
      meta: z.looseObject({ n_ctx: tokens.optional(), n_ctx_train: tokens.optional() }).nullish(),
    }),
  ),
});

/**
 * llama.cpp's `GET /props` (at the server root): `default_generation_settings.n_ctx` is the context one slot
 * holds, as the server was started (`-c` divided among `--parallel` slots) (tools/server README, "GET /props").
 */
const propsSchema = z.looseObject({
  default_generation_settings: z.looseObject({ n_ctx: tokens }),
});

/**
 * Ollama's `POST /api/show` (docs/api.md "Show Model Information", @fb307609): `model_info` holds
 * `general.architecture` and `<architecture>.context_length` (the model's own length); `parameters` is text,
 * one `name value` per line, and holds `num_ctx` when the model file sets it (what the server loads).
 */
const showSchema = z.looseObject({
  parameters: z.string().optional(),
  model_info: z.record(z.string(), z.unknown()).optional(),
});

export interface ContextWindowDiscoveryOptions {
  /** Base URL including the version path (…/v1). */
  readonly baseUrl: string;
  readonly modelId: string;
  /** Sent as a bearer token when given; never in messages. */
  readonly apiKey?: string;
  readonly fetch: typeof fetch;
  readonly callOptions: CallOptions;
}

/** The server root: the base URL without its trailing `/v1`, where llama.cpp's `/props` and Ollama's `/api/show` live. */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** `num_ctx` from Ollama's `parameters` text (`num_ctx                        8192`). */
export function numCtxParameter(parameters: string | undefined): number | undefined {
  const match = /^num_ctx\s+(\d+)\s*$/m.exec(parameters ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Asks an OpenAI-compatible server for its context window, in order: vLLM's `max_model_len` on `/v1/models`,
 * llama.cpp's `/props`, Ollama's `/api/show`, and last llama.cpp's training context from `/v1/models`. Routes the
 * server lacks (404, other shapes, network errors) are skipped; undefined when none answers.
 */
export async function discoverOpenAIContextWindow(
  options: ContextWindowDiscoveryOptions,
): Promise<ContextWindow | undefined> {
  const deadline = startCallDeadline(options.callOptions);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const request = async (url: string, body?: unknown): Promise<unknown> => {
    try {
      const response = await options.fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(deadline.signal ? { signal: deadline.signal } : {}),
      });
      if (!response.ok) return undefined;
      return (await response.json()) as unknown;
    } catch {
      return undefined;
    }
  };
  try {
    const base = options.baseUrl.replace(/\/+$/, '');
    const root = serverRoot(options.baseUrl);
    const models = modelListSchema.safeParse(await request(`${base}/models`));
    const entries = models.success ? models.data.data : [];
    const entry =
      entries.find((model) => model.id === options.modelId) ??
      (entries.length === 1 ? entries[0] : undefined);
    if (entry?.max_model_len) {
      return { tokens: entry.max_model_len, source: 'GET /v1/models max_model_len (vLLM, parity serve)' };
    }
    if (entry?.meta?.n_ctx)
      return { tokens: entry.meta.n_ctx, source: 'GET /v1/models meta.n_ctx (llama.cpp)' };
    const props = propsSchema.safeParse(await request(`${root}/props`));
    if (props.success) {
      return {
        tokens: props.data.default_generation_settings.n_ctx,
        source: 'GET /props default_generation_settings.n_ctx (llama.cpp)',
      };
    }
    const show = showSchema.safeParse(await request(`${root}/api/show`, { model: options.modelId }));
    if (show.success) {
      const numCtx = numCtxParameter(show.data.parameters);
      if (numCtx !== undefined)
        return { tokens: numCtx, source: 'POST /api/show parameters num_ctx (Ollama)' };
      const info = show.data.model_info ?? {};
      const architecture = info['general.architecture'];
      const length =
        typeof architecture === 'string'
          ? tokens.safeParse(info[`${architecture}.context_length`])
          : undefined;
      if (length?.success) {
        return {
          tokens: length.data,
          source: `POST /api/show model_info ${String(architecture)}.context_length (Ollama; the model's own length, Ollama may load less: set num_ctx)`,
        };
      }
    }
    if (entry?.meta?.n_ctx_train) {
      return {
        tokens: entry.meta.n_ctx_train,
        source: 'GET /v1/models meta.n_ctx_train (llama.cpp training context; the server may load less)',
      };
    }
    return undefined;
  } finally {
    deadline.dispose();
  }
}
