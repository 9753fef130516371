/** A named OpenAI-compatible service: where it is and which environment variable holds its key. */
export interface OpenAIPreset {
  readonly name: string;
  /** Default base URL, including the version path. */
  readonly baseUrl: string;
  /** Environment variable the CLI reads the key from. */
  readonly keyVariable: string;
  /** Whether the default base URL needs a key (hosted services do, local servers do not). */
  readonly keyRequired: boolean;
}

/** `openai:` and the named presets, usable as spec prefixes (`vllm:<model>`, `groq:<model>`, …). */
export const openAIPresets: readonly OpenAIPreset[] = [
  { name: 'openai', baseUrl: 'https://api.openai.com/v1', keyVariable: 'OPENAI_API_KEY', keyRequired: true },
  { name: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', keyVariable: 'VLLM_API_KEY', keyRequired: false },
  { name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', keyVariable: 'OLLAMA_API_KEY', keyRequired: false },
  {
    name: 'llamacpp',
    baseUrl: 'http://127.0.0.1:8080/v1',
    keyVariable: 'LLAMACPP_API_KEY',
    keyRequired: false,
  },
  {
    name: 'together',
    baseUrl: 'https://api.together.xyz/v1',
    keyVariable: 'TOGETHER_API_KEY',
    keyRequired: true,
  },
  {
    name: 'fireworks',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    keyVariable: 'FIREWORKS_API_KEY',
    keyRequired: true,
  },
  { name: 'groq', baseUrl: 'https://api.groq.com/openai/v1', keyVariable: 'GROQ_API_KEY', keyRequired: true },
  {
    name: 'deepseek',
    baseUrl: 'https://api.deepseek.com/v1',
    keyVariable: 'DEEPSEEK_API_KEY',
    keyRequired: true,
  },
  {
    name: 'mistral',
    baseUrl: 'https://api.mistral.ai/v1',
    keyVariable: 'MISTRAL_API_KEY',
    keyRequired: true,
  },
  {
    name: 'openrouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    keyVariable: 'OPENROUTER_API_KEY',
    keyRequired: true,
  },
];

/** Key variables of the non-OpenAI providers, defined in their folders; here for existing imports. */
export { anthropicKeyVariables } from './anthropic/anthropic-provider.ts';
export { geminiKeyVariables } from './gemini/gemini-provider.ts';

export function findOpenAIPreset(name: string): OpenAIPreset | undefined {
  return openAIPresets.find((preset) => preset.name === name);
}
