import { Option } from 'commander';

export const maxTokensOption = (): Option =>
  new Option(
    '--max-tokens <n>',
    "replace the protocol's answer budget in tokens (changes the protocol; shown beside the score)",
  );
export const systemPromptOption = (): Option =>
  new Option(
    '--system-prompt <text>',
    "replace the protocol's system message, or add one (changes the protocol; shown beside the score)",
  );
export const reasoningEffortOption = (): Option =>
  new Option(
    '--reasoning-effort <level>',
    'how hard a reasoning model thinks: minimal, low, medium, high … as the API names them (OpenAI reasoning_effort, Responses reasoning.effort); shown beside the score',
  );
