import { defineBenchmark } from '../definition/define-benchmark.ts';
import type { MgsmData } from './mgsm-data.ts';
import { mgsmCot0shot, mgsmCot0shotGreedy } from './mgsm-cot-0shot.ts';
import { loadMgsmItems } from './load-mgsm-items.ts';

export type { MgsmData } from './mgsm-data.ts';

/**
 * MGSM: 250 GSM8K problems in 11 languages. Protocol: simple-evals native-language chain of thought, a
 * declarative definition (docs/adding-a-benchmark.md).
 */
export const mgsmBenchmark = defineBenchmark<MgsmData>({
  id: 'mgsm',
  load: loadMgsmItems,
  protocols: [mgsmCot0shot, mgsmCot0shotGreedy],
});
