import { modelSpecForms } from '../providers/registry.ts';

/**
 * The `--help` section listing every model spec prefix with its default endpoint and the variables it reads
 * (keys, and OPENAI_BASE_URL), built from the provider registry so that it never falls behind it.
 */
export function modelSpecHelp(): string {
  const { rows, notes } = modelSpecForms();
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map(
    ([spec, endpoint, key]) => `  ${spec.padEnd(widths[0] ?? 0)}  ${endpoint.padEnd(widths[1] ?? 0)}  ${key}`,
  );
  return [
    'Model specs (--model, --judge), default endpoint, key variable:',
    ...lines,
    ...notes.map((note) => `  ${note}`),
    'Variables: OPENAI_BASE_URL (base URL of openai: specs), <KEY>_FILE (read the key from a file),',
    '  PARITY_STORE, PARITY_DATA_DIR, PARITY_CACHE_DIR, PARITY_ACCEPT_LICENSES; a .env file in the working',
    '  folder is read for keys (never logged). docs/providers.md has every provider.',
  ].join('\n');
}
