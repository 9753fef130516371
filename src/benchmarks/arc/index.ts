import type { Benchmark } from '../../spec/index.ts';
import { arcChallenge } from './arc-challenge.ts';
import type { ArcData } from './arc-data.ts';
import { loadArcItems } from './load-arc-items.ts';

export type { ArcData } from './arc-data.ts';

/** ARC-Challenge test set (1,172 grade-school science questions). Protocol: `arc.challenge`. */
export const arcBenchmark: Benchmark<ArcData> = {
  id: 'arc',
  protocols: [arcChallenge],
  defaultProtocol: arcChallenge.id,
  loadItems: loadArcItems,
};
