import type { Benchmark } from '../../spec/index.ts';
import { loadTruthfulqaItems } from './load-truthfulqa-items.ts';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { truthfulqaMc1Loglik } from './truthfulqa-mc1-loglik.ts';
import { truthfulqaMc1ParityCot } from './truthfulqa-mc1-parity-cot.ts';
import { truthfulqaMc2Loglik } from './truthfulqa-mc2-loglik.ts';

export type { TruthfulqaData } from './truthfulqa-data.ts';

/**
 * TruthfulQA multiple choice (817 questions, the file lm-eval's data is built from). Protocols:
 * `truthfulqa.mc1.parity.cot.0shot` (default; chat endpoints), `truthfulqa.mc1.loglik.6shot` and
 * `truthfulqa.mc2.loglik.6shot` (lm-eval truthfulqa_mc1 / truthfulqa_mc2, log-likelihood endpoints).
 */
export const truthfulqaBenchmark: Benchmark<TruthfulqaData> = {
  id: 'truthfulqa',
  protocols: [truthfulqaMc1ParityCot, truthfulqaMc1Loglik, truthfulqaMc2Loglik],
  defaultProtocol: truthfulqaMc1ParityCot.id,
  loadItems: loadTruthfulqaItems,
};
