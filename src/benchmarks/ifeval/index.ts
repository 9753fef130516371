import type { Benchmark } from '../../spec/index.ts';
import { ifeval0shot } from './ifeval-0shot.ts';
import type { IfevalData } from './ifeval-data.ts';
import { loadIfevalItems } from './load-ifeval-items.ts';

export type { IfevalData } from './ifeval-data.ts';

/** IFEval: 541 prompts with 834 verifiable instructions of 25 types. Protocol: `ifeval.0shot`. */
export const ifevalBenchmark: Benchmark<IfevalData> = {
  id: 'ifeval',
  protocols: [ifeval0shot],
  defaultProtocol: ifeval0shot.id,
  loadItems: loadIfevalItems,
};
