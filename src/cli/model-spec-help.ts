import { anthropicBaseUrl } from '../providers/anthropic/anthropic-model.ts';
import { geminiBaseUrl } from '../providers/gemini/gemini-model.ts';
import { anthropicKeyVariables, geminiKeyVariables, openAIPresets } from '../providers/provider-presets.ts';

/**
 * The `--help` section listing every model spec prefix with its default endpoint and the variables it reads
 * (keys, and OPENAI_BASE_URL), built from the provider presets so that it never falls behind them.
 */
export function modelSpecHelp(): string {
  const rows: [string, string, string][] = [
    ...openAIPresets.map((preset): [string, string, string] => [
      `${preset.name}:<model>`,
      preset.baseUrl,
      `${preset.keyVariable}${preset.keyRequired ? '' : ' (optional)'}`,
    ]),
    ['anthropic:<model>', anthropicBaseUrl, anthropicKeyVariables.join(' or ')],
    ['gemini:<model>', geminiBaseUrl, geminiKeyVariables.join(' or ')],
    ['local:<path.gguf>', 'in-process (llama.cpp), no server', '—'],
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map(
    ([spec, endpoint, key]) => `  ${spec.padEnd(widths[0] ?? 0)}  ${endpoint.padEnd(widths[1] ?? 0)}  ${key}`,
  );
  return [
    'Model specs (--model, --judge), default endpoint, key variable:',
    ...lines,
    '  <prefix>-completions:<model>  any OpenAI-compatible prefix, on the legacy /completions API',
    'Variables: OPENAI_BASE_URL (base URL of openai: specs), <KEY>_FILE (read the key from a file),',
    '  PARITY_STORE, PARITY_DATA_DIR, PARITY_CACHE_DIR, PARITY_ACCEPT_LICENSES; a .env file in the working',
    '  folder is read for keys (never logged). docs/providers.md has every provider.',
  ].join('\n');
}
