import type { Usage } from '../../spec/language-model.ts';
import { finiteNumber } from '../shared/finite-number.ts';

/** The usage fields of `message_start` (`Usage`) and `message_delta` (`MessageDeltaUsage`), as received. */
export interface AnthropicWireUsage {
  readonly input_tokens?: unknown;
  readonly cache_read_input_tokens?: unknown;
  readonly cache_creation_input_tokens?: unknown;
  readonly output_tokens?: unknown;
  readonly output_tokens_details?: { readonly thinking_tokens?: unknown } | null;
}

/**
 * Accumulates a Messages stream's usage: `message_start` carries the input side, `message_delta` the
 * cumulative counts (its nullable fields replace earlier ones only when set). Mapped to parity's convention
 * (node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts, `Usage` and `OutputTokensDetails`):
 * - `inputTokens` = `input_tokens + cache_read_input_tokens + cache_creation_input_tokens` (Anthropic's
 *   `input_tokens` counts only the tokens after the last cache breakpoint);
 * - `cachedInputTokens` = cache reads; `cacheWriteInputTokens` = cache writes;
 * - `outputTokens` = `output_tokens` (it includes thinking); `reasoningTokens` =
 *   `output_tokens_details.thinking_tokens`.
 * A count the server never sent stays undefined.
 */
export class AnthropicUsageAccumulator {
  private input: number | undefined;
  private cacheRead: number | undefined;
  private cacheWrite: number | undefined;
  private output: number | undefined;
  private thinking: number | undefined;

  add(usage: AnthropicWireUsage | null | undefined): Usage {
    if (usage) {
      this.input = finiteNumber(usage.input_tokens) ?? this.input;
      this.cacheRead = finiteNumber(usage.cache_read_input_tokens) ?? this.cacheRead;
      this.cacheWrite = finiteNumber(usage.cache_creation_input_tokens) ?? this.cacheWrite;
      this.output = finiteNumber(usage.output_tokens) ?? this.output;
      this.thinking = finiteNumber(usage.output_tokens_details?.thinking_tokens) ?? this.thinking;
    }
    return this.usage();
  }

  usage(): Usage {
    const inputTokens =
      this.input === undefined ? undefined : this.input + (this.cacheRead ?? 0) + (this.cacheWrite ?? 0);
    return {
      inputTokens,
      cachedInputTokens: this.cacheRead,
      cacheWriteInputTokens: this.cacheWrite,
      outputTokens: this.output,
      reasoningTokens: this.thinking,
    };
  }
}
