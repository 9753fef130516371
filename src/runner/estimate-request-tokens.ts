import type { GenerateRequest, LogLikelihoodRequest, Usage } from '../spec/index.ts';

/** Tokens a call is expected to use: its prompt (estimated) and the most it may generate. */
export interface TokenCount {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** Rough characters per token of English text with BPE tokenizers; an estimate, corrected by reported usage. */
const charactersPerToken = 4;
/** Tokens a chat template adds per message (role markers). */
const tokensPerMessage = 4;

function tokensOf(text: string): number {
  return Math.ceil(text.length / charactersPerToken);
}

/**
 * Tokens a call will use before it is sent, for tokens-per-minute budgets: the prompt's characters / 4 (plus a
 * few per chat message) and `maxTokens` (0 when unset). A log-likelihood call sends the context once per
 * continuation and generates nothing.
 */
export function estimateRequestTokens(options: {
  readonly request: GenerateRequest;
  readonly logLikelihood?: LogLikelihoodRequest;
}): TokenCount {
  const { request, logLikelihood } = options;
  if (logLikelihood) {
    const inputTokens = logLikelihood.continuations.reduce(
      (sum, continuation) => sum + tokensOf(logLikelihood.context + continuation),
      0,
    );
    return { inputTokens, outputTokens: 0 };
  }
  // A plain loop: no closure per request (the gate and the spend estimate count every request).
  const { messages } = request;
  let inputTokens = tokensOf(request.assistantPrefix ?? '');
  for (let index = 0; index < messages.length; index += 1) {
    inputTokens += tokensOf((messages[index] as (typeof messages)[number]).content) + tokensPerMessage;
  }
  return { inputTokens, outputTokens: request.parameters.maxTokens ?? 0 };
}

/**
 * Tokens a finished call used: the reported input and output tokens, each replaced by the estimate when the
 * server did not report it.
 */
export function usedTokens(options: { readonly estimate: TokenCount; readonly usage: Usage }): number {
  const { estimate, usage } = options;
  return (usage.inputTokens ?? estimate.inputTokens) + (usage.outputTokens ?? estimate.outputTokens);
}
