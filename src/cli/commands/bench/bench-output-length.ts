/** Measured output length further than this from the requested one (as a share) is warned about. */
const tolerance = 0.1;

/**
 * One warning line when the answers' mean length differs from the `--output-tokens` asked for (Ollama, TGI and
 * DeepSeek ignore `ignore_eos`/`min_tokens`, so answers end early): throughput per request then measures
 * shorter work than planned. Undefined when the lengths agree or nothing completed.
 */
export function outputLengthWarning(options: {
  readonly requestedTokens: number;
  readonly steps: readonly { readonly completed: number; readonly totalOutputTokens: number }[];
}): string | undefined {
  const completed = options.steps.reduce((sum, step) => sum + step.completed, 0);
  if (completed === 0 || options.requestedTokens <= 0) return undefined;
  const mean = options.steps.reduce((sum, step) => sum + step.totalOutputTokens, 0) / completed;
  if (Math.abs(mean - options.requestedTokens) <= tolerance * options.requestedTokens) return undefined;
  return `warning: requested ${options.requestedTokens} output tokens per request, measured ${mean.toFixed(1)} on average (the server may ignore ignore_eos/min_tokens); per-request figures measure ${mean < options.requestedTokens ? 'shorter' : 'longer'} answers than asked`;
}
