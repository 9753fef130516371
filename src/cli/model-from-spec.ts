import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLanguageModel } from '../providers/create-language-model.ts';
import { resolveModelSpec } from '../providers/registry.ts';
import { InputError, type LanguageModel } from '../spec/index.ts';
import type { CliIo } from './cli-io.ts';

/**
 * The key of a provider: the first of its environment variables that is set (e.g. OPENAI_API_KEY), else the
 * file named by `<VARIABLE>_FILE` (first line, trimmed). Read here, in the CLI, and never stored or printed.
 */
export function readProviderKey(io: CliIo, variables: readonly string[]): string | undefined {
  for (const variable of variables) {
    const value = io.env[variable]?.trim();
    if (value) return value;
  }
  for (const variable of variables) {
    const file = io.env[`${variable}_FILE`]?.trim();
    if (!file) continue;
    try {
      const value = readFileSync(resolve(io.cwd, file), 'utf8').split('\n')[0]?.trim();
      if (value) return value;
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      throw new InputError(`cannot read the key file (${reason})`, { location: `${variable}_FILE` });
    }
  }
  return undefined;
}

/**
 * Builds a model from a spec: the base URL from `--base-url` (or the provider's base-URL variable, OPENAI_BASE_URL
 * for `openai:` specs), the key from the provider's environment variable (OPENAI_API_KEY, VLLM_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY …)
 * or its `_FILE` variant. Keys are read here, in the CLI, and never stored.
 */
export function modelFromSpec(
  io: CliIo,
  options: { spec: string; baseUrl?: string; threads?: number },
): LanguageModel {
  const { provider, keyVariables } = resolveModelSpec(options.spec);
  const { baseUrlVariable } = provider;
  const baseUrl = options.baseUrl ?? (baseUrlVariable === undefined ? undefined : io.env[baseUrlVariable]);
  const apiKey = readProviderKey(io, keyVariables);
  return createLanguageModel(options.spec, {
    ...(baseUrl ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(options.threads ? { localThreads: options.threads } : {}),
    now: io.monotonicMs,
  });
}
