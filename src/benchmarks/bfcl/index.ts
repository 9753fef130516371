import type { Benchmark } from '../../spec/index.ts';
import type { BfclData } from './bfcl-data.ts';
import { bfclNative } from './bfcl-native.ts';
import { bfclPrompt } from './bfcl-prompt.ts';
import { loadBfclItems } from './load-bfcl-items.ts';

export type { BfclData } from './bfcl-data.ts';

/**
 * BFCL v4 single-turn AST categories (simple Python/Java/JavaScript, multiple, parallel, parallel_multiple,
 * irrelevance, and the four live_ ones; 2741 questions). Protocols: `bfcl.native` (tools API, default) and
 * `bfcl.prompt`.
 */
export const bfclBenchmark: Benchmark<BfclData> = {
  id: 'bfcl',
  protocols: [bfclNative, bfclPrompt],
  defaultProtocol: bfclNative.id,
  loadItems: loadBfclItems,
};
