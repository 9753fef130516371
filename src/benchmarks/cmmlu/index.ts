import type { Benchmark } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { cmmluGen0shot } from './cmmlu-gen-0shot.ts';
import { cmmluGen5shot } from './cmmlu-gen-5shot.ts';
import { cmmluLoglik5shot } from './cmmlu-loglik-5shot.ts';
import { loadCmmluItems } from './load-cmmlu-items.ts';

export type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';

/**
 * CMMLU (67 subjects, 11,582 test questions, Chinese). Protocols: `cmmlu.gen.5shot` (default; the official
 * generative evaluation), `cmmlu.gen.0shot` (the same, zero-shot) and `cmmlu.loglik.5shot` (lm-eval `cmmlu`, 5-shot). Non-commercial data (CC BY-NC-SA
 * 4.0): downloaded after `--accept-license cmmlu`, or read from `--data-dir`.
 */
export const cmmluBenchmark: Benchmark<ChineseExamData> = {
  id: 'cmmlu',
  protocols: [cmmluGen5shot, cmmluGen0shot, cmmluLoglik5shot],
  defaultProtocol: cmmluGen5shot.id,
  loadItems: loadCmmluItems,
};
