import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

type YamlPackage = typeof Yaml;
let loaded: YamlPackage | undefined;

/**
 * The `yaml` package, loaded on the first call (~40 ms of CPU): commands that read no task file and no
 * `parity.yaml` (`parity eval --bench mmlu`, `parity --version`) start without it (docs/decisions/0228).
 */
export function yamlPackage(): YamlPackage {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlPackage;
  return loaded;
}
