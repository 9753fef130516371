import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { CliIo } from './cli-io.ts';

/**
 * The environment with `.env` from the working folder filled in underneath it, as users of similar tools
 * expect for API keys: `OPENAI_API_KEY=sk-…` lines (dotenv syntax; `export` prefixes and quotes allowed).
 * A variable already set in the environment wins over the file. A missing or unreadable file changes nothing.
 * Values are never printed: they only reach the providers, like any environment variable.
 */
export function environmentWithDotEnv(
  io: Pick<CliIo, 'env' | 'cwd'>,
): Readonly<Record<string, string | undefined>> {
  let text: string;
  try {
    text = readFileSync(join(io.cwd, '.env'), 'utf8');
  } catch {
    return io.env;
  }
  const fromFile = parseEnv(text);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(io.env)) if (value !== undefined) merged[name] = value;
  return merged;
}
