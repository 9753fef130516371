import { classifyXstestResponse } from '../../scoring/xstest/classify-response.ts';
import type { Item, Protocol } from '../../spec/index.ts';
import type { XstestData } from './xstest-data.ts';
import { xstestItemScore, xstestMetrics } from './xstest-item-score.ts';
import { xstestReferenceCompletion, xstestRequest } from './xstest-request.ts';

/**
 * XSTest classified offline (src/scoring/xstest/classify-response.ts): the paper's string match, widened and
 * given the partial-refusal class; no judge model. `extracted` is the class.
 */
export const xstestClassifier: Protocol<XstestData> = {
  kind: 'generate',
  id: 'xstest.classifier',
  version: 1,
  benchmark: 'xstest',
  description:
    'XSTest over-refusal: each response classed full compliance / full refusal / partial refusal offline (string match, improved)',
  metrics: xstestMetrics,
  buildRequest: xstestRequest,
  score: (item: Item<XstestData>, completion: string) =>
    xstestItemScore(
      item.data,
      classifyXstestResponse(completion, { unsafePrompt: item.data.label === 'unsafe' }),
    ),
  referenceCompletion: xstestReferenceCompletion,
};
