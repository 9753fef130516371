import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerationOverrides } from '../spec/index.ts';
import { applyGenerationOverrides } from './request-settings.ts';

const ask = (question: string): GenerateRequest => ({
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: question },
  ],
  parameters: { maxTokens: 10 },
});

describe('applyGenerationOverrides', () => {
  it("gives a run's requests one system message object, with the prompt asked for", () => {
    const overrides: GenerationOverrides = { systemPrompt: 'Think.' };
    const first = applyGenerationOverrides(ask('1?'), overrides);
    const second = applyGenerationOverrides(ask('2?'), overrides);
    expect(first.messages).toEqual([
      { role: 'system', content: 'Think.' },
      { role: 'user', content: '1?' },
    ]);
    expect(second.messages[1]).toEqual({ role: 'user', content: '2?' });
    expect(second.messages[0]).toBe(first.messages[0]);
    const other = applyGenerationOverrides(ask('1?'), { systemPrompt: 'Other.' });
    expect(other.messages[0]).toEqual({ role: 'system', content: 'Other.' });
    expect(applyGenerationOverrides(ask('3?'), overrides).messages[0]).toBe(first.messages[0]);
  });

  it('writes a system prompt changed on the same overrides object', () => {
    const overrides: { systemPrompt: string } = { systemPrompt: 'One.' };
    expect(applyGenerationOverrides(ask('?'), overrides).messages[0]?.content).toBe('One.');
    overrides.systemPrompt = 'Two.';
    expect(applyGenerationOverrides(ask('?'), overrides).messages[0]?.content).toBe('Two.');
  });
});
