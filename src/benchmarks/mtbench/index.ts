import type { Benchmark } from '../../spec/index.ts';
import { loadJudgePrompts } from './judge-prompts.ts';
import { loadMtbenchItems } from './load-mtbench-items.ts';
import type { MtbenchData } from './mtbench-data.ts';
import { mtbenchSingle } from './mtbench-single.ts';

export type { MtbenchData } from './mtbench-data.ts';
export { loadMtbenchItems, referenceCategories } from './load-mtbench-items.ts';
export { judgedTurns, judgedTurnScores, judgmentLineSchema, mtbenchMetrics } from './mtbench-judgments.ts';
export type { JudgedTurn, JudgmentLine } from './mtbench-judgments.ts';
export { fillJudgeTemplate, loadJudgePrompts } from './judge-prompts.ts';
export type { JudgePrompt, JudgePrompts } from './judge-prompts.ts';
export { mtbenchJudgeRequest } from './mtbench-judge-request.ts';
export {
  MTBENCH_TEMPERATURES,
  mtbenchItemScore,
  mtbenchSingle,
  mtbenchTurnRequest,
} from './mtbench-single.ts';

/**
 * MT-Bench (80 two-turn questions, ids 81–160, group = category), graded by a judge model. Items carry the GPT-4
 * reference answers (math, reasoning, coding) and FastChat's judge prompts.
 */
export const mtbenchBenchmark: Benchmark<MtbenchData> = {
  id: 'mtbench',
  protocols: [mtbenchSingle],
  defaultProtocol: mtbenchSingle.id,
  async loadItems(source, options = {}) {
    const judgePrompts = await loadJudgePrompts(source);
    const items = await loadMtbenchItems(source, options);
    return items.map((item) => ({ ...item, data: { ...item.data, judgePrompts } }));
  },
};
