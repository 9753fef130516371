import { generateLongctxSample } from '../../../benchmarks/longctx/generate-longctx-sample.ts';
import type { LongctxData } from '../../../benchmarks/longctx/longctx-data.ts';
import type { Item, LanguageModel, Protocol } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';

/**
 * `--calibrate`: sends the shortest item once (one output token) and divides its characters by the prompt tokens
 * the server reports, giving the characters per token to size every haystack with. Chat-template tokens are in
 * the server's count, so the estimate errs towards prompts a little shorter than the target, never longer.
 * Undefined (with one line saying so) when the server reports no prompt tokens.
 */
export async function calibrateCharsPerToken(options: {
  io: CliIo;
  model: LanguageModel;
  protocol: Protocol;
  item: Item;
  timeoutMs: number;
}): Promise<number | undefined> {
  const data = options.item.data as LongctxData;
  const sample = generateLongctxSample(data);
  const request = options.protocol.buildRequest(options.item);
  const result = await options.model.generate(
    { ...request, parameters: { ...request.parameters, maxTokens: 1 } },
    { timeoutMs: options.timeoutMs, ...(options.io.signal ? { signal: options.io.signal } : {}) },
  );
  const tokens = result.usage.inputTokens;
  const characters = sample.userMessage.length + sample.answerPrefix.length;
  if (tokens === undefined || tokens <= 0) {
    options.io.stderr(
      `longctx: the server reported no prompt tokens; keeping ${data.charsPerToken} characters per token\n`,
    );
    return undefined;
  }
  const charsPerToken = Math.round((characters / tokens) * 1000) / 1000;
  options.io.stderr(
    `longctx: calibrated ${charsPerToken} characters per token (${characters} characters = ${tokens} prompt tokens as the server counts them)\n`,
  );
  return charsPerToken;
}
