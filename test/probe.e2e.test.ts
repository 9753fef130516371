import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { startReplayServer } from './support/replay-server.ts';

describe('parity probe', () => {
  it('reports every capability of a full OpenAI-compatible server and the protocols it can run', async () => {
    const server = await startReplayServer({
      respond: () => ({ type: 'text', chunks: ['{}'], usage: { input: 3, output: 1 } }),
    });
    const io = captureIo({ cwd: process.cwd() });
    expect(
      await main(['probe', '--model', 'vllm:m', '--base-url', `${server.origin}/v1`, '--json'], io),
    ).toBe(0);
    await server.close();
    const report = JSON.parse(io.output.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      provider: 'vllm',
      probed: true,
      supports: {
        chat: true,
        completions: true,
        log_likelihood: true,
        streamed_usage: true,
        json_schema_output: true,
        seed: true,
      },
    });
    expect(report.protocols).toContain('mmlu.loglik.5shot');
  });

  it('says what a chat-only server lacks, and leaves out log-likelihood protocols', async () => {
    const server = await startOpenAICompatibleServer({ respond: () => ({ text: 'ok', usage: null }) });
    const io = captureIo({ cwd: process.cwd() });
    expect(await main(['probe', '--model', 'openai:m', '--base-url', server.url], io)).toBe(0);
    await server.close();
    expect(io.output.stdout).toContain('yes  chat');
    expect(io.output.stdout).toContain('no   completions');
    expect(io.output.stdout).toContain('no   streamed usage');
    expect(io.output.stdout).toMatch(/protocols it can run: .*mmlu\.gen\.5shot/);
    expect(io.output.stdout).not.toContain('mmlu.loglik.5shot');
    expect(io.output.stdout).toContain('note: completions: openai: HTTP 404');
  });

  it('describes anthropic: from its API documentation without a request', async () => {
    const io = captureIo({ cwd: process.cwd(), env: { ANTHROPIC_API_KEY: 'sk-ant-fake' } });
    expect(await main(['probe', '--model', 'anthropic:claude-x', '--json'], io)).toBe(0);
    expect(JSON.parse(io.output.stdout)).toMatchObject({
      probed: false,
      supports: { chat: true, log_likelihood: false },
    });
  });
});
