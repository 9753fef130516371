import { ProviderError } from '../../spec/errors.ts';
import type { GenerateRequest } from '../../spec/language-model.ts';

/** Whether a request offers tools. */
export function offersTools(request: GenerateRequest): boolean {
  return (request.tools?.length ?? 0) > 0;
}

/**
 * The refusal of a request with tools by a provider that cannot send them: leaving the tools out would score
 * the model on a question it was never asked.
 */
export function toolsRefusal(provider: string): ProviderError {
  return new ProviderError({
    provider,
    message: `parity does not send tools to ${provider} endpoints yet; use a prompt-based protocol (e.g. bfcl.prompt)`,
    isRetryable: false,
  });
}
