import { createRequire } from 'node:module';

let parser: ((text: string) => unknown) | undefined;

/**
 * YAML text as a value, through the `yaml` package loaded on the first call: commands that never read YAML
 * (`parity eval` on a model the catalog cannot price) start without it (~9 MB, docs/decisions/0226).
 */
export function parseYaml(text: string): unknown {
  parser ??= (createRequire(import.meta.url)('yaml') as { parse: (text: string) => unknown }).parse;
  return parser(text);
}
