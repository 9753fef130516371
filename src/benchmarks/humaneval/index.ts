import type { Benchmark } from '../../spec/index.ts';
import { humanEvalBase, humanEvalBaseCleaned } from './humaneval-base.ts';
import type { HumanEvalData } from './humaneval-data.ts';
import { humanEvalInstruct } from './humaneval-instruct.ts';
import { loadHumanEvalItems } from './load-humaneval-items.ts';

export type { HumanEvalData } from './humaneval-data.ts';
export { readHumanEvalProblems } from './load-humaneval-items.ts';

/** HumanEval (164 problems), scored by running the code in a sandbox. Default protocol: humaneval.base. */
export const humanEvalBenchmark: Benchmark<HumanEvalData> = {
  id: 'humaneval',
  protocols: [humanEvalBase, humanEvalInstruct, humanEvalBaseCleaned],
  defaultProtocol: humanEvalBase.id,
  loadItems: loadHumanEvalItems,
};
