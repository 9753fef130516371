import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseModelSpec } from '../../../providers/create-language-model.ts';
import { createLocalModel } from '../../../providers/local/local-model.ts';
import { defaultMaxBodyBytes, startOpenAIApiServer } from '../../../server/openai-api-server.ts';
import { parsePort } from '../../../server/view/parse-port.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { parseWholeNumber } from '../../parse-options.ts';

export const SERVE_DEFAULTS = { host: '127.0.0.1', port: 8080 } as const;

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

/** Adds `parity serve` to the program. */
export function registerServeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('serve')
    .description(
      'serve a local GGUF over an OpenAI-compatible HTTP API (chat and completions with echo+logprobs, models list)',
    )
    .requiredOption('--model <spec>', 'local:<path.gguf>')
    .option(
      '--host <host>',
      'address to bind; anything but loopback (127.0.0.1, ::1, localhost) must be given explicitly',
      SERVE_DEFAULTS.host,
    )
    .option('--port <n>', 'port to listen on (0: any free port)', String(SERVE_DEFAULTS.port))
    .option('--threads <n>', 'CPU threads (default 1)')
    .option('--context-size <n>', "context window in tokens (default: the model's own, at most 8192)")
    .option(
      '--cors <origin>',
      'let browser pages of this origin (e.g. http://localhost:3000) call the server; repeatable (default: cross-origin requests refused)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--max-body-bytes <n>',
      `largest request body accepted, in bytes (default ${defaultMaxBodyBytes})`,
    )
    .option(
      '--api-key <key>',
      'require clients to send Authorization: Bearer <key> (or set PARITY_SERVE_API_KEY, which stays out of the process list)',
    )
    .option('--json', 'print { "url", "model" } as one JSON line once listening, instead of the text line')
    .addHelpText(
      'after',
      '\nRequests are served one at a time in arrival order (others wait). On loopback, requests whose Host header names another machine get 421 (DNS rebinding). Ctrl-C stops the server.\nExample: parity serve --model local:./tiny.gguf --port 8080, then parity eval --model openai:tiny --base-url http://127.0.0.1:8080/v1 …',
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const hostIsExplicit = command.getOptionValueSource('host') === 'cli';
      setExitCode(await serveCommand(flags, io, { hostIsExplicit }));
    });
}
