import { describe, expect, it } from 'vitest';
import { responseCacheKey } from '../runner/cache-key.ts';
import type { GenerateRequest } from '../spec/index.ts';
import { applyGenerationOverrides } from '../evaluation/request-settings.ts';
import { generationOverridesLabel } from '../report/run-summary-rows.ts';
import { parseGenerationOverrides } from './generation-overrides.ts';

const request: GenerateRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Q?' },
  ],
  parameters: { temperature: 0, maxTokens: 10, stop: ['.'] },
};

describe('generation overrides', () => {
  it('replaces the budget, the system message and the reasoning effort, and changes the cache key', () => {
    const overrides = parseGenerationOverrides({
      maxTokens: '64',
      systemPrompt: 'Think.',
      reasoningEffort: 'low',
    });
    const changed = applyGenerationOverrides(request, overrides);
    expect(changed).toEqual({
      messages: [
        { role: 'system', content: 'Think.' },
        { role: 'user', content: 'Q?' },
      ],
      parameters: { temperature: 0, maxTokens: 64, stop: ['.'], reasoningEffort: 'low' },
    });
    const model = { provider: 'openai', endpoint: 'http://x/v1', modelId: 'o3' };
    const keys = new Set(
      [request, changed, applyGenerationOverrides(request, { reasoningEffort: 'high' })].map((entry) =>
        responseCacheKey({ model, request: entry }),
      ),
    );
    expect(keys.size).toBe(3);
    expect(generationOverridesLabel(overrides)).toBe(
      ' [changed: max-tokens 64, system prompt, reasoning-effort low]',
    );
  });

  it('adds a system message where the protocol has none, and is nothing without flags', () => {
    const bare: GenerateRequest = { messages: [{ role: 'user', content: 'Q?' }], parameters: {} };
    expect(applyGenerationOverrides(bare, { systemPrompt: 'S' }).messages[0]).toEqual({
      role: 'system',
      content: 'S',
    });
    expect(parseGenerationOverrides({})).toBeUndefined();
    expect(generationOverridesLabel(undefined)).toBe('');
  });

  it('names the flag when a value is bad', () => {
    expect(() => parseGenerationOverrides({ maxTokens: 'lots' })).toThrow(/--max-tokens/);
    expect(() => parseGenerationOverrides({ reasoningEffort: 'very high!' })).toThrow(/--reasoning-effort/);
  });
});
