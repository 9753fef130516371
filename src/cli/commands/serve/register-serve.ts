import type { Command } from 'commander';
import { defaultMaxBodyBytes } from '../../../server/default-max-body-bytes.ts';
import type { CliIo } from '../../cli-io.ts';
import { SERVE_DEFAULTS } from '../../options/defaults.ts';
import type { ServeFlags } from './serve-command.ts';

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
      setExitCode(await (await import('./serve-command.ts')).serveCommand(flags, io, { hostIsExplicit }));
    });
}
