import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/errors.ts';
import { createLanguageModel, parseModelSpec } from './create-language-model.ts';

const now = () => 0;

describe('parseModelSpec', () => {
  it('parses openai and local specs, keeping colons after the first', () => {
    expect(parseModelSpec('openai:gpt-4o')).toEqual({
      provider: 'openai',
      modelId: 'gpt-4o',
      preset: 'openai',
      api: 'chat',
    });
    expect(parseModelSpec('ollama:llama3:8b')).toEqual({
      provider: 'openai',
      modelId: 'llama3:8b',
      preset: 'ollama',
      api: 'chat',
    });
    expect(parseModelSpec('vllm-completions:m')).toEqual({
      provider: 'openai',
      modelId: 'm',
      preset: 'vllm',
      api: 'completions',
    });
    expect(parseModelSpec('anthropic:claude-x')).toEqual({ provider: 'anthropic', modelId: 'claude-x' });
    expect(parseModelSpec('gemini:gemini-2.5-flash')).toEqual({
      provider: 'gemini',
      modelId: 'gemini-2.5-flash',
    });
    expect(parseModelSpec('local:./models/x.gguf')).toEqual({
      provider: 'local',
      modelPath: './models/x.gguf',
    });
  });

  it('rejects unknown prefixes listing the supported ones, and empty models', () => {
    expect(() => parseModelSpec('mystery:model')).toThrow(InputError);
    expect(() => parseModelSpec('mystery:model')).toThrow(
      'unknown provider "mystery" in model spec "mystery:model"; supported: openai:<model>, vllm:<model>',
    );
    expect(() => parseModelSpec('gpt-4o')).toThrow('no provider prefix');
    expect(() => parseModelSpec('openai:')).toThrow('empty model in model spec "openai:"');
    expect(() => parseModelSpec('local:  ')).toThrow(InputError);
  });
});

describe('createLanguageModel', () => {
  it('needs a key for OpenAI itself but not for other servers', () => {
    expect(() => createLanguageModel('openai:gpt-4o', { now })).toThrow('OPENAI_API_KEY is not set');
    expect(() => createLanguageModel('openai:gpt-4o', { now, apiKey: ' ' })).toThrow(InputError);
    const hosted = createLanguageModel('openai:gpt-4o', { now, apiKey: 'sk-x' });
    expect(hosted.identity).toEqual({
      provider: 'openai',
      endpoint: 'https://api.openai.com/v1',
      modelId: 'gpt-4o',
    });
    const selfHosted = createLanguageModel('openai:qwen', { now, baseUrl: 'http://127.0.0.1:8000/v1/' });
    expect(selfHosted.identity).toEqual({
      provider: 'openai',
      endpoint: 'http://127.0.0.1:8000/v1',
      modelId: 'qwen',
    });
  });

  it('uses preset base URLs and keys: hosted presets need a key at their own URL only', () => {
    expect(createLanguageModel('vllm:llama', { now }).identity).toEqual({
      provider: 'vllm',
      endpoint: 'http://127.0.0.1:8000/v1',
      modelId: 'llama',
    });
    expect(() => createLanguageModel('groq:llama', { now })).toThrow('GROQ_API_KEY is not set');
    expect(
      createLanguageModel('groq:llama', { now, baseUrl: 'http://127.0.0.1:9/v1' }).identity.provider,
    ).toBe('groq');
    expect(() => createLanguageModel('anthropic:claude', { now })).toThrow('ANTHROPIC_API_KEY is not set');
    expect(() => createLanguageModel('gemini:g', { now })).toThrow(
      'GEMINI_API_KEY or GOOGLE_API_KEY is not set',
    );
    expect(createLanguageModel('anthropic:claude', { now, apiKey: 'k' }).identity).toEqual({
      provider: 'anthropic',
      endpoint: 'https://api.anthropic.com',
      modelId: 'claude',
    });
  });

  it('rejects an invalid base URL and a missing local model file', () => {
    expect(() => createLanguageModel('openai:m', { now, baseUrl: 'not a url' })).toThrow(InputError);
    expect(() => createLanguageModel('local:/nowhere/model.gguf', { now })).toThrow('/nowhere/model.gguf');
  });
});
