import type { Benchmark } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { cevalGen0shot } from './ceval-gen-0shot.ts';
import { cevalGen5shot } from './ceval-gen-5shot.ts';
import { cevalLoglik5shot } from './ceval-loglik-5shot.ts';
import { loadCevalItems } from './load-ceval-items.ts';

export type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';

/**
 * C-Eval validation split (52 subjects, 1,346 questions, Chinese; dev split as 5-shot exemplars). Protocols:
 * `ceval.gen.5shot` (default; the official answer-only chat evaluation), `ceval.gen.0shot` (its zero-shot form,
 * answer read by `extract_ans`) and `ceval.loglik.5shot` (lm-eval `ceval-valid`, 5-shot). Non-commercial data (CC BY-NC-SA 4.0): downloaded after `--accept-license ceval`, or
 * read from `--data-dir`.
 */
export const cevalBenchmark: Benchmark<ChineseExamData> = {
  id: 'ceval',
  protocols: [cevalGen5shot, cevalGen0shot, cevalLoglik5shot],
  defaultProtocol: cevalGen5shot.id,
  loadItems: loadCevalItems,
};
