import type { Benchmark } from '../../spec/index.ts';
import type { JsonSchemaBenchData } from './jsonschemabench-data.ts';
import { jsonSchemaBenchPrompt, jsonSchemaBenchStructured } from './jsonschemabench-protocols.ts';
import { loadJsonSchemaBenchItems } from './load-jsonschemabench-items.ts';

export type { JsonSchemaBenchData } from './jsonschemabench-data.ts';

/**
 * JSONSchemaBench (Geng et al. 2025): real-world JSON Schemas; the model writes any instance valid for each.
 * Protocols: `jsonschemabench.prompt` (lm-eval's prompt, default), `jsonschemabench.structured` (the provider's
 * structured-output mode).
 */
export const jsonSchemaBenchBenchmark: Benchmark<JsonSchemaBenchData> = {
  id: 'jsonschemabench',
  protocols: [jsonSchemaBenchPrompt, jsonSchemaBenchStructured],
  defaultProtocol: jsonSchemaBenchPrompt.id,
  loadItems: loadJsonSchemaBenchItems,
};
