import { createLanguageModel } from '../providers/create-language-model.ts';
import type { LanguageModel } from '../spec/index.ts';
import type { CliIo } from './cli-io.ts';

/**
 * Builds a model from a spec, taking the base URL from `--base-url` or OPENAI_BASE_URL and the key from
 * OPENAI_API_KEY. Keys are read here, in the CLI, and never stored.
 */
export function modelFromSpec(
  io: CliIo,
  options: { spec: string; baseUrl?: string; threads?: number },
): LanguageModel {
  const baseUrl = options.baseUrl ?? io.env.OPENAI_BASE_URL;
  const apiKey = io.env.OPENAI_API_KEY;
  return createLanguageModel(options.spec, {
    ...(baseUrl ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(options.threads ? { localThreads: options.threads } : {}),
    now: io.monotonicMs,
  });
}
