import OpenAI from 'openai';
import { createNodeHttpFetch } from '../shared/node-http-fetch.ts';
import { withNestedErrorBodies } from './error-body-fetch.ts';

export interface OpenAIEndpointOptions {
  /** Base URL of the API including the version path, e.g. https://api.openai.com/v1. */
  readonly baseUrl: string;
  /** Sent as a bearer token; never logged or put in messages. Servers that need none get a placeholder. */
  readonly apiKey?: string;
  readonly modelId: string;
  /** Name in errors, identities and cache keys: 'openai', or a preset such as 'vllm'. Default 'openai'. */
  readonly provider?: string;
  /** Defaults to a keep-alive fetch over node:http (see createNodeHttpFetch), shared by every client. */
  readonly fetch?: typeof fetch;
  /** Clock for timings, in milliseconds (any origin; only differences are used). */
  readonly now: () => number;
}

/** Sent when the caller has no key: the SDK needs one, and keyless servers ignore it. */
const placeholderApiKey = 'parity-no-key';

let nodeHttpFetch: typeof fetch | undefined;
/** The keep-alive fetch over node:http every client shares when none is given. */
export function sharedNodeHttpFetch(): typeof fetch {
  nodeHttpFetch ??= createNodeHttpFetch();
  return nodeHttpFetch;
}

/** The official SDK with its retries off (the runner retries) and nothing read from process.env. */
export function createOpenAIClient(options: OpenAIEndpointOptions): OpenAI {
  return new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || placeholderApiKey,
    // Explicit values so the SDK does not read them from process.env.
    organization: null,
    project: null,
    webhookSecret: null,
    logLevel: 'off',
    maxRetries: 0,
    fetch: withNestedErrorBodies(options.fetch ?? sharedNodeHttpFetch()),
  });
}
