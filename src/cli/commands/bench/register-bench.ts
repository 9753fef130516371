import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { BENCH_DEFAULTS } from '../../options/defaults.ts';
import { storeOption } from '../../options/store-option.ts';
import type { BenchFlags } from './bench-command.ts';

/** Registers `parity bench` on the program. */
export function registerBenchCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('bench')
    .description(
      'measure latency, throughput and goodput of an OpenAI-compatible endpoint under load (docs/bench.md)',
    )
    .requiredOption(
      '--model <spec>',
      'openai:<model> or an OpenAI-compatible preset (vllm:, ollama:, llamacpp:, …; <preset>-completions: for /completions)',
    )
    .option(
      '--base-url <url>',
      "OpenAI-compatible base URL (default: the preset's; for openai: env OPENAI_BASE_URL, else https://api.openai.com/v1)",
    )
    .option(
      '--endpoint <kind>',
      "chat (/chat/completions) or completions (/completions) (default: chat, or completions for '<preset>-completions:' specs)",
    )
    .option('--concurrency <list>', 'closed-loop sweep: requests in flight per step, e.g. 1,16,64')
    .option(
      '--request-rate <list>',
      "open-loop sweep: mean arrivals per second per step, e.g. 2,4,8 ('inf' = all at once)",
    )
    .option(
      '--burstiness <factor>',
      'gamma shape of inter-arrival times with --request-rate: 1 = Poisson (default), < 1 burstier, > 1 steadier',
    )
    .option(
      '--input-tokens <n>',
      'approximate prompt length of synthetic prompts',
      String(BENCH_DEFAULTS.inputTokens),
    )
    .option(
      '--output-tokens <n>',
      'output tokens per request (max_tokens; a fixed length unless --no-ignore-eos)',
      String(BENCH_DEFAULTS.outputTokens),
    )
    .option(
      '--prompts-from <bench>',
      "draw prompts from a benchmark's items (mmlu, gsm8k) instead of synthetic ones",
    )
    .option(
      '--data-dir <dir>',
      'folder with the upstream dataset files, for --prompts-from (env PARITY_DATA_DIR)',
    )
    .option('--no-download', 'never download datasets for --prompts-from')
    .option('--requests <n>', 'requests per step (default: 100, and at least 4 × the concurrency)')
    .option('--duration <seconds>', 'send requests for this long per step instead of a request count')
    .option(
      '--warmup <n>',
      'requests sent before the sweep and left out of every figure',
      String(BENCH_DEFAULTS.warmup),
    )
    .option(
      '--slo <objectives>',
      'goodput objectives in ms: ttft=MS,tpot=MS,e2el=MS or vLLM-style "ttft:MS tpot:MS" (any of them)',
    )
    .option(
      '--gpu-hourly <usd>',
      'GPU rental price per GPU-hour, for the cost per million tokens at each step',
    )
    .option('--gpus <n>', 'GPUs serving the endpoint (with --gpu-hourly)', String(BENCH_DEFAULTS.gpus))
    .option(
      '--gpu <type[xcount]>',
      'GPU type and count serving the endpoint, e.g. H100-80GBx8 (recorded so parity tco --runs uses this measurement)',
    )
    .option(
      '--precision <p>',
      'weight precision the endpoint serves (bf16, fp16, fp8, int8, int4), recorded with --gpu',
    )
    .option('--seed <n>', 'seed of prompts and arrival times', String(BENCH_DEFAULTS.seed))
    .option(
      '--timeout <seconds>',
      'per-request timeout (no data for this long)',
      String(BENCH_DEFAULTS.timeoutMs / 1000),
    )
    .option(
      '--no-ignore-eos',
      "don't send vLLM's ignore_eos/min_tokens (they are dropped anyway if the server refuses them)",
    )
    .option('--no-early-stop', 'run every step even after the endpoint saturates')
    .addOption(storeOption())
    .option(
      '--json [file]',
      'print the steps as JSON instead of the table: an array with one object per step (vLLM benchmark_serving names; docs/bench.md); --json FILE (older spelling): write them to FILE too',
    )
    .addHelpText(
      'after',
      "\nKeys: each preset's own variable (OPENAI_API_KEY, VLLM_API_KEY, …). The sweep stops early once a step has ≥ 10% errors or raises request throughput by\nless than 10% over the best earlier step (--no-early-stop runs every step). Exit codes: 0 ok, 2 bad input,\n3 interrupted.",
    )
    .action(async (flags: BenchFlags) =>
      setExitCode(await (await import('./bench-command.ts')).benchCommand(flags, io)),
    );
}
