import { basename } from 'node:path';
import { parseModelSpec } from '../../../providers/create-language-model.ts';
import { createLocalModel } from '../../../providers/local/local-model.ts';
import { startOpenAIApiServer } from '../../../server/openai-api-server.ts';
import { parsePort } from '../../../server/view/parse-port.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { parseWholeNumber } from '../../parse-options.ts';

export interface ServeFlags {
  readonly model: string;
  readonly host: string;
  readonly port: string;
  readonly threads?: string;
  readonly contextSize?: string;
  /** Browser origins allowed to call the server (repeatable). */
  readonly cors?: readonly string[];
  readonly maxBodyBytes?: string;
  readonly apiKey?: string;
  /** Print `{ "url", "model" }` (one JSON line) instead of the text line. */
  readonly json?: boolean;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/** An origin as browsers send it: scheme://host[:port], nothing after. */
function parseOrigin(value: string): string {
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '')) {
      return url.origin;
    }
  } catch {
    // Reported below.
  }
  throw new InputError(`expected an origin such as http://localhost:3000, got '${value}'`, {
    location: '--cors',
  });
}

/**
 * `parity serve`: an OpenAI-compatible server over a local GGUF until Ctrl-C. Prints its base URL on stdout.
 * A non-loopback host is served only when `--host` was given on the command line.
 */
export async function serveCommand(
  flags: ServeFlags,
  io: CliIo,
  options: { hostIsExplicit: boolean },
): Promise<number> {
  const spec = parseModelSpec(flags.model);
  if (spec.provider !== 'local') {
    throw new InputError(
      `parity serve runs local GGUF files; expected local:<path.gguf>, got "${flags.model}"`,
      {
        location: '--model',
      },
    );
  }
  if (!loopbackHosts.has(flags.host) && !options.hostIsExplicit) {
    throw new InputError(`refusing to serve on non-loopback host ${flags.host} unless given with --host`);
  }
  const port = parsePort(flags.port);
  const maxBodyBytes = parseWholeNumber('--max-body-bytes', flags.maxBodyBytes);
  const allowedOrigins = (flags.cors ?? []).map((origin) => parseOrigin(origin));
  // The key clients must send: --api-key, else PARITY_SERVE_API_KEY (keeps it out of the process list).
  const apiKey = flags.apiKey ?? (io.env.PARITY_SERVE_API_KEY?.trim() || undefined);
  const threads = parseWholeNumber('--threads', flags.threads);
  const contextSize = parseWholeNumber('--context-size', flags.contextSize);
  const model = createLocalModel({
    modelPath: spec.modelPath,
    now: io.monotonicMs,
    ...(threads ? { threads } : {}),
    ...(contextSize ? { contextSize } : {}),
  });
  try {
    // Load the model before listening, so a broken file fails here and not on the first request.
    await model.complete({ prompt: 'a', maxTokens: 1, temperature: 0 }, {});
    const server = await startOpenAIApiServer({
      model,
      host: flags.host,
      port,
      nowSeconds: () => io.now().getTime() / 1000,
      ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      ...(apiKey === undefined ? {} : { apiKey }),
    });
    io.stdout(
      flags.json
        ? `${JSON.stringify({ url: server.url, model: basename(spec.modelPath) })}\n`
        : `parity serve: ${basename(spec.modelPath)} at ${server.url}\n`,
    );
    if (loopbackHosts.has(flags.host)) io.stderr('(loopback only; Ctrl-C to stop)\n');
    else io.stderr(`warning: serving on ${flags.host}: anyone who can reach it can use the model\n`);
    await new Promise<void>((resolveStop) => {
      if (!io.signal) return;
      if (io.signal.aborted) resolveStop();
      io.signal.addEventListener('abort', () => resolveStop(), { once: true });
    });
    await server.close();
    return 0;
  } finally {
    await model.close?.();
  }
}
