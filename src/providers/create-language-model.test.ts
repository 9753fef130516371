import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/errors.ts';
import { createLanguageModel, parseModelSpec } from './create-language-model.ts';

const now = () => 0;

describe('parseModelSpec', () => {
  it('parses openai and local specs, keeping colons after the first', () => {
    expect(parseModelSpec('openai:gpt-4o')).toEqual({ provider: 'openai', modelId: 'gpt-4o' });
    expect(parseModelSpec('openai:llama3:8b')).toEqual({ provider: 'openai', modelId: 'llama3:8b' });
    expect(parseModelSpec('local:./models/x.gguf')).toEqual({
      provider: 'local',
      modelPath: './models/x.gguf',
    });
  });

  it('rejects unknown prefixes listing the supported ones, and empty models', () => {
    expect(() => parseModelSpec('mystery:model')).toThrow(InputError);
    expect(() => parseModelSpec('mystery:model')).toThrow(
      'unknown provider "mystery" in model spec "mystery:model"; supported: openai:<model>, local:<path.gguf>',
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

  it('rejects an invalid base URL and a missing local model file', () => {
    expect(() => createLanguageModel('openai:m', { now, baseUrl: 'not a url' })).toThrow(InputError);
    expect(() => createLanguageModel('local:/nowhere/model.gguf', { now })).toThrow('/nowhere/model.gguf');
  });
});
