import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import type { ProbeFlags } from './probe-command.ts';

/** Adds `parity probe` to the program. */
export function registerProbeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('probe')
    .description(
      'report what an endpoint supports (chat, completions, echo+logprobs, streamed usage, JSON-schema output, seed, tool calling), its context window and which protocols it can run',
    )
    .requiredOption(
      '--model <spec>',
      'model spec, e.g. openai:<model>, vllm:<model>, anthropic:<model>, local:<path.gguf>',
    )
    .option('--base-url <url>', "base URL (default: the provider's or preset's own)")
    .option('--timeout <seconds>', 'per probe request', '30')
    .option(
      '--json',
      'print JSON: { model, provider, endpoint, probed, supports: {…}, protocols: […], context_window: { tokens, source } | null, notes: […] }',
    )
    .addHelpText(
      'after',
      '\nHTTP endpoints get a few 1-token requests; local: models are described without one. Example: parity probe --model vllm:llama --base-url http://127.0.0.1:8000/v1',
    )
    .action(async (flags: ProbeFlags) =>
      setExitCode(await (await import('./probe-command.ts')).probeCommand(flags, io)),
    );
}
