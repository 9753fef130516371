import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { startReplayServer } from './support/replay-server.ts';
import { startAnthropicMessagesServer } from './support/anthropic-messages-server.ts';
import { startGeminiApiServer } from './support/gemini-api-server.ts';

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

  it('probes anthropic: at the SDK API version: prefill refused (no-prefill form), thinking accepted', async () => {
    const server = await startAnthropicMessagesServer({ respond: () => ({ text: 'Yes' }) });
    const io = captureIo({ cwd: process.cwd(), env: { ANTHROPIC_API_KEY: 'sk-ant-fake' } });
    expect(
      await main(['probe', '--model', 'anthropic:claude-x', '--base-url', server.origin, '--json'], io),
    ).toBe(0);
    await server.close();
    const report = JSON.parse(io.output.stdout) as { notes: string[]; protocols: string[] };
    expect(report).toMatchObject({
      probed: true,
      supports: { chat: true, log_likelihood: false, streamed_usage: true, prefill: false, thinking: true },
    });
    expect(report.protocols).toContain('mmlu.gen.5shot');
    expect(report.notes.join('\n')).toContain('mmlu.gen.5shot) run in their no-prefill form');
  });

  it.each([true, false])(
    'probes gemini: (a model that thinks: %s) and says what it refused',
    async (thinks) => {
      const server = await startGeminiApiServer({
        respond: () => ({ type: 'text', text: 'Yes' }),
        thinking: thinks,
      });
      const io = captureIo({ cwd: process.cwd(), env: { GEMINI_API_KEY: 'gemini-fake' } });
      expect(await main(['probe', '--model', 'gemini:g', '--base-url', server.origin], io)).toBe(0);
      await server.close();
      expect(io.output.stdout).toContain('yes  chat');
      expect(io.output.stdout).toContain('yes  streamed usage');
      expect(io.output.stdout).toContain('no   prefill');
      expect(io.output.stdout).toContain(thinks ? 'yes  thinking budget' : 'no   thinking budget');
      if (!thinks) expect(io.output.stdout).toContain('note: thinking: gemini: HTTP 400');
      expect(io.output.stdout).not.toContain('mmlu.loglik.5shot');
    },
  );
});
