import type { Benchmark } from '../../spec/index.ts';
import { loadXstestItems } from './load-xstest-items.ts';
import { xstestClassifier } from './xstest-classifier.ts';
import type { XstestData } from './xstest-data.ts';
import { xstestJudge } from './xstest-judge.ts';

export type { XstestData } from './xstest-data.ts';
export { parseJudgeClass, xstestJudgePrompt, xstestJudgeRequest } from './xstest-judge-request.ts';

/**
 * XSTest v2 (Röttger et al., NAACL 2024): 250 safe prompts that sound unsafe and 200 unsafe contrasts, ids
 * `v2-1` … `v2-450`, group = type. Protocols: `xstest.classifier` (offline, default) and `xstest.judge`
 * (a judge model with the paper's prompt; chosen by `--judge`).
 */
export const xstestBenchmark: Benchmark<XstestData> = {
  id: 'xstest',
  protocols: [xstestClassifier, xstestJudge],
  defaultProtocol: xstestClassifier.id,
  loadItems: loadXstestItems,
};
