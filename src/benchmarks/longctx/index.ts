import type { Benchmark } from '../../spec/index.ts';
import { generateLongctxItems } from './generate-longctx-items.ts';
import type { LongctxData } from './longctx-data.ts';
import { longctxRulerV1 } from './longctx-ruler.ts';

export type { LongctxData } from './longctx-data.ts';

/**
 * Long context (RULER-style synthetic tasks generated from a seed; no dataset). Default protocol:
 * longctx.ruler.v1. Items come from `options.synthetic` (seed, lengths, depths, samples, chars per token).
 */
export const longctxBenchmark: Benchmark<LongctxData> = {
  id: 'longctx',
  protocols: [longctxRulerV1],
  defaultProtocol: longctxRulerV1.id,
  loadItems(_source, options = {}) {
    return Promise.resolve(generateLongctxItems(options));
  },
};
