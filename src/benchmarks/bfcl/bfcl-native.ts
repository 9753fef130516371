import type { Item, Protocol } from '../../spec/index.ts';
import { bfclMetrics } from './bfcl-metrics.ts';
import type { BfclData } from './bfcl-data.ts';
import { languageSpecificFunctions, toolDefinitions } from './bfcl-functions.ts';
import { bfclScoring } from './bfcl-scoring.ts';
import { decodeNativeCalls } from './decode-calls.ts';
import { goldCalls } from './gold-calls.ts';
import { renderNativeCalls } from './render-calls.ts';

/**
 * Native tool calling: the question's messages as they are, the functions as tools of the provider's tools API
 * (OpenAI-style, `.` in names as `_`, as upstream's FC handlers send them), temperature 0.001 (upstream's
 * default `--temperature`). The reply's tool calls are checked by BFCL's AST checker.
 */
export const bfclNative: Protocol<BfclData> = {
  kind: 'generate',
  id: 'bfcl.native',
  version: 1,
  benchmark: 'bfcl',
  description: "BFCL v4 AST categories through the provider's native tool calling (tools / tool_calls)",
  metrics: bfclMetrics,
  needsToolCalls: true,
  buildRequest(item: Item<BfclData>) {
    return {
      messages: item.data.messages,
      parameters: { temperature: 0.001 },
      tools: toolDefinitions(languageSpecificFunctions(item.data.functions, item.data.category)),
    };
  },
  score(item, completion) {
    return bfclScoring(item, decodeNativeCalls(completion), { underscoreToDot: true });
  },
  referenceCompletion(item) {
    return item.data.category === 'irrelevance'
      ? 'None of the functions can answer this.'
      : renderNativeCalls(goldCalls(item.data), { underscoreToDot: true });
  },
};
