import type { Benchmark } from '../../spec/index.ts';
import { gsm8kCot8shot } from './gsm8k-cot-8shot.ts';
import { gsm8kCot8shotLlama } from './gsm8k-cot-8shot-llama.ts';
import type { Gsm8kData } from './gsm8k-data.ts';
import { loadGsm8kItems } from './load-gsm8k-items.ts';

export type { Gsm8kData } from './gsm8k-data.ts';

/** GSM8K (1,319 test problems). Default protocol: lm-eval gsm8k_cot (8-shot chain of thought). */
export const gsm8kBenchmark: Benchmark<Gsm8kData> = {
  id: 'gsm8k',
  protocols: [gsm8kCot8shot, gsm8kCot8shotLlama],
  defaultProtocol: gsm8kCot8shot.id,
  loadItems: loadGsm8kItems,
};
