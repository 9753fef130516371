import { defineBenchmark } from '../definition/define-benchmark.ts';
import { arcChat0shot } from './arc-chat-0shot.ts';
import type { ArcData } from './arc-data.ts';
import { arcLoglik0shot } from './arc-loglik-0shot.ts';
import { arcParityCot } from './arc-parity-cot.ts';
import { loadArcItems } from './load-arc-items.ts';

export type { ArcData } from './arc-data.ts';

/**
 * ARC-Challenge test set (1,172 grade-school science questions). Protocols: `arc.chat.0shot` (default; Meta's
 * Llama 3.1 chat format, lm-eval `arc_challenge_llama`), `arc.loglik.0shot` (lm-eval `arc_challenge`) and
 * `arc.parity.cot.0shot` (parity's own chain of thought), each a declarative definition
 * (docs/adding-a-benchmark.md). docs/protocols.md lists each one's upstream.
 */
export const arcBenchmark = defineBenchmark<ArcData>({
  id: 'arc',
  load: loadArcItems,
  protocols: [arcChat0shot, arcLoglik0shot, arcParityCot],
});
