import type { Benchmark } from '../../spec/index.ts';
import type { EvalPlusData } from './evalplus-data.ts';
import {
  humanEvalPlusBase,
  humanEvalPlusInstruct,
  mbppPlusBase,
  mbppPlusInstruct,
} from './evalplus-protocols.ts';
import { evalPlusLoader } from './load-evalplus-items.ts';

export type { EvalPlusData } from './evalplus-data.ts';

/** HumanEval+ (EvalPlus v0.1.10, 164 tasks): HumanEval's tasks with EvalPlus's base and plus test inputs. */
export const humanEvalPlusBenchmark: Benchmark<EvalPlusData> = {
  id: 'humaneval.plus',
  protocols: [humanEvalPlusInstruct, humanEvalPlusBase],
  defaultProtocol: humanEvalPlusInstruct.id,
  loadItems: evalPlusLoader('humaneval'),
};

/** MBPP+ (EvalPlus v0.2.0, 378 tasks): sanitized MBPP tasks with EvalPlus's base and plus test inputs. */
export const mbppPlusBenchmark: Benchmark<EvalPlusData> = {
  id: 'mbpp.plus',
  protocols: [mbppPlusInstruct, mbppPlusBase],
  defaultProtocol: mbppPlusInstruct.id,
  loadItems: evalPlusLoader('mbpp'),
};
