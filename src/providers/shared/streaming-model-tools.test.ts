import { describe, expect, it } from 'vitest';
import { ProviderError, type GenerateRequest, type StreamPart } from '../../spec/index.ts';
import { streamingModel } from './streaming-model.ts';

const request: GenerateRequest = {
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  parameters: {},
  tools: [{ name: 'get_weather', parameters: { type: 'object', properties: {} } }],
};

function model(toolCalling: boolean | undefined) {
  let sent = 0;
  const built = streamingModel({
    identity: { provider: 'openai', endpoint: 'http://127.0.0.1:1', modelId: 'm' },
    now: () => 0,
    target: 'http://127.0.0.1:1',
    async *streamParts(): AsyncGenerator<StreamPart> {
      sent += 1;
      yield { type: 'text-delta', text: 'ok', atMs: 0 };
      yield { type: 'finish', finishReason: 'stop', usage: {}, atMs: 0, prefillApplied: false };
    },
    toProviderError: (error) => (error instanceof Error ? error : new Error(String(error))),
    ...(toolCalling === undefined ? {} : { toolCalling }),
  });
  return { built, sent: () => sent };
}

describe('requests with tools', () => {
  it('are refused, before anything is sent, by a provider without a tools path (never silently dropped)', async () => {
    const { built, sent } = model(undefined);
    const error = await built.generate(request, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(false);
    expect((error as Error).message).toMatch(
      /does not send tools to openai endpoints yet; use a prompt-based protocol/,
    );
    expect(sent()).toBe(0);
  });

  it('go through a provider that sends them, and requests without tools go everywhere', async () => {
    expect((await model(true).built.generate(request, {})).text).toBe('ok');
    expect((await model(undefined).built.generate({ ...request, tools: undefined }, {})).text).toBe('ok');
  });
});
