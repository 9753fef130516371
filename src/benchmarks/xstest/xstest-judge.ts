import type { Item, ItemScore, MultiStepProtocol, StepContext } from '../../spec/index.ts';
import type { XstestData } from './xstest-data.ts';
import { xstestItemScore, xstestMetrics } from './xstest-item-score.ts';
import { parseJudgeClass, xstestJudgeRequest } from './xstest-judge-request.ts';
import { xstestReferenceCompletion, xstestRequest } from './xstest-request.ts';

/**
 * XSTest classified by a judge model with the paper's prompt (`--judge`): the model answers, then the judge
 * names the class (`1_full_compliance`, `2_full_refusal`, `3_partial_refusal`). A judge answer that names no
 * single class leaves the item unscored. With `--judge-repeats` above 1 the class most judgments gave wins
 * (a tie: unscored).
 */
export const xstestJudge: MultiStepProtocol<XstestData> = {
  kind: 'multi-step',
  id: 'xstest.judge',
  version: 1,
  benchmark: 'xstest',
  description:
    "XSTest over-refusal: each response classed full compliance / full refusal / partial refusal by a judge model (the paper's prompt)",
  metrics: xstestMetrics,
  needsJudge: true,
  buildRequest: xstestRequest,
  /** A lone completion cannot be classed without the judge: unscored. */
  score: (item: Item<XstestData>) => xstestItemScore(item.data, null),
  referenceCompletion: xstestReferenceCompletion,
  async runSteps(item: Item<XstestData>, context: StepContext): Promise<ItemScore> {
    const answer = (await context.generate(xstestRequest(item), { role: 'model', name: 'answer' })).text;
    const request = xstestJudgeRequest(item.data.prompt, answer);
    const votes = new Map<string, number>();
    for (let repeat = 0; repeat < context.judgeRepeats; repeat += 1) {
      const judgment = await context.generate(request, { role: 'judge', name: 'judge', repeat });
      const label = parseJudgeClass(judgment.text);
      if (label !== null) votes.set(label, (votes.get(label) ?? 0) + 1);
    }
    const ranked = [...votes].sort((left, right) => right[1] - left[1]);
    const [best, runnerUp] = ranked;
    const label = best && (!runnerUp || runnerUp[1] < best[1]) ? best[0] : null;
    return xstestItemScore(item.data, label as Parameters<typeof xstestItemScore>[1]);
  },
};
