import type { Benchmark } from '../../spec/index.ts';
import { loadMbppItems } from './load-mbpp-items.ts';
import { mbpp3shot, mbpp3shotExtract } from './mbpp-3shot.ts';
import type { MbppData } from './mbpp-data.ts';

export type { MbppData } from './mbpp-data.ts';

/** MBPP test split (task ids 11–510, 500 tasks), scored by running the code in a sandbox. */
export const mbppBenchmark: Benchmark<MbppData> = {
  id: 'mbpp',
  protocols: [mbpp3shot, mbpp3shotExtract],
  defaultProtocol: mbpp3shot.id,
  loadItems: loadMbppItems,
};
