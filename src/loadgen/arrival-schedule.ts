import type { LoadRandom } from './load-random.ts';

/**
 * Inter-arrival times of an open-loop load, in milliseconds: Gamma(shape = burstiness,
 * scale = 1 / (rate × burstiness)) seconds, as vLLM's benchmark draws them. Burstiness 1 is a Poisson process
 * (exponential gaps); the mean gap is 1 / rate whatever the burstiness. An infinite rate sends everything at once.
 */
export function nextArrivalGapMs(options: {
  requestRate: number;
  burstiness: number;
  random: LoadRandom;
}): number {
  if (!Number.isFinite(options.requestRate)) return 0;
  const scaleS = 1 / (options.requestRate * options.burstiness);
  return options.random.gamma(options.burstiness, scaleS) * 1000;
}
