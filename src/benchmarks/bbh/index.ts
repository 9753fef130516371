import type { Benchmark } from '../../spec/index.ts';
import { bbhCot3shot } from './bbh-cot-3shot.ts';
import type { BbhData } from './bbh-data.ts';
import { bbhDirect3shot } from './bbh-direct-3shot.ts';
import { bbhCot3shotLmEval, bbhDirect3shotLmEval } from './bbh-lmeval-3shot.ts';
import { loadBbhItems } from './load-bbh-items.ts';

export type { BbhData } from './bbh-data.ts';

/**
 * BIG-Bench Hard: 27 tasks, 6,511 examples. Default protocol: 3-shot chain of thought with the BBH authors'
 * scorer; `.lmeval` variants use lm-eval's stops and scorer.
 */
export const bbhBenchmark: Benchmark<BbhData> = {
  id: 'bbh',
  protocols: [bbhCot3shot, bbhDirect3shot, bbhCot3shotLmEval, bbhDirect3shotLmEval],
  defaultProtocol: bbhCot3shot.id,
  loadItems: loadBbhItems,
};
