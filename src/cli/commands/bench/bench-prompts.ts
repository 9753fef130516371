import { cliDatasetSource } from '../../cli-dataset-source.ts';
import { getBenchmark } from '../../../benchmarks/registry.ts';
import type { LoadRandom } from '../../../loadgen/load-random.ts';
import type { LoadRequest } from '../../../loadgen/streaming-client.ts';
import { syntheticPrompt } from '../../../loadgen/synthetic-prompt.ts';
import type { ChatMessage, GenerateRequest } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { dataDir } from '../../paths.ts';

/** Where `parity bench` takes its prompts from, and a representative request to store with each step. */
export interface PromptSource {
  readonly build: (random: LoadRandom) => Omit<LoadRequest, 'ignoreEos'>;
  readonly example: GenerateRequest;
}

/**
 * Synthetic prompts of about `inputTokens` random common words, or (`--prompts-from`) the requests of a
 * benchmark's default protocol drawn at random; every request asks for `outputTokens` tokens.
 */
export async function promptSource(
  flags: { promptsFrom?: string; dataDir?: string; download: boolean },
  io: CliIo,
  options: { inputTokens: number; outputTokens: number; endpoint: 'chat' | 'completions' },
): Promise<PromptSource> {
  const parameters = { maxTokens: options.outputTokens, temperature: 0 };
  if (flags.promptsFrom === undefined) {
    return {
      build: (random) => ({
        prompt: syntheticPrompt({ tokens: options.inputTokens, random }),
        expectedInputTokens: options.inputTokens,
        maxTokens: options.outputTokens,
      }),
      example: {
        messages: [{ role: 'user', content: `<${options.inputTokens} random common words>` }],
        parameters,
      },
    };
  }
  const benchmark = getBenchmark(flags.promptsFrom);
  const protocol = benchmark.protocols.find((candidate) => candidate.id === benchmark.defaultProtocol);
  const directory = dataDir(io, flags.dataDir);
  const source = cliDatasetSource(io, { directory: directory, allowDownload: flags.download });
  const items = await benchmark.loadItems(source);
  if (!protocol || items.length === 0) {
    throw new InputError(`benchmark '${benchmark.id}' has no items to draw prompts from`, {
      location: '--prompts-from',
    });
  }
  const requests = items.map((item) => protocol.buildRequest(item));
  const toLoadRequest = (request: GenerateRequest): Omit<LoadRequest, 'ignoreEos'> => ({
    prompt: request.messages.map((message: ChatMessage) => message.content).join('\n\n'),
    ...(options.endpoint === 'chat' ? { messages: request.messages } : {}),
    maxTokens: options.outputTokens,
  });
  return {
    build: (random) => toLoadRequest(requests[random.integer(requests.length)] as GenerateRequest),
    example: { messages: (requests[0] as GenerateRequest).messages, parameters },
  };
}
