import type { Benchmark } from '../../spec/index.ts';
import { loadMmluItems } from './load-mmlu-items.ts';
import { mmluCot0shot, mmluCot0shotGreedy } from './mmlu-cot-0shot.ts';
import type { MmluData } from './mmlu-data.ts';
import { mmluGen5shot } from './mmlu-gen-5shot.ts';
import { mmluLoglik5shot } from './mmlu-loglik-5shot.ts';

export type { MmluData, MmluExample, MmluLetter } from './mmlu-data.ts';

/** MMLU (57 subjects, 14,042 test questions). Default protocol: Llama 3.1 instruct 5-shot generative. */
export const mmluBenchmark: Benchmark<MmluData> = {
  id: 'mmlu',
  protocols: [mmluGen5shot, mmluCot0shot, mmluCot0shotGreedy, mmluLoglik5shot],
  defaultProtocol: mmluGen5shot.id,
  loadItems: loadMmluItems,
};
