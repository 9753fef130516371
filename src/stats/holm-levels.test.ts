import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';
import { holmAdjust, holmLevels } from './holm-adjust.ts';

describe('holmLevels', () => {
  it('rejects exactly where the Holm-adjusted p ≤ α, for random families', () => {
    const random = seededRandom(3);
    for (let family = 0; family < 500; family += 1) {
      const size = 1 + random.nextInt(6);
      const pValues = Array.from({ length: size }, () => random.nextFloat() ** 3 * 0.2);
      const adjusted = holmAdjust(pValues);
      const levels = holmLevels(pValues, 0.05);
      pValues.forEach((pValue, index) => {
        expect(pValue <= (levels[index] ?? 0), `${pValues.join(',')}`).toBe((adjusted[index] ?? 1) <= 0.05);
      });
    }
  });

  it('is α for a single test and α/m for the smallest of m', () => {
    expect(holmLevels([0.3], 0.05)).toEqual([0.05]);
    expect(holmLevels([0.001, 0.02, 0.04], 0.05)).toEqual([0.05 / 3, 0.05 / 2, 0.05]);
    // Holm stops at the second test: the third is judged at the second's level.
    expect(holmLevels([0.001, 0.03, 0.04], 0.05)).toEqual([0.05 / 3, 0.05 / 2, 0.05 / 2]);
  });

  it('a p equal to its level is rejected and Holm goes on (statsmodels multipletests: p·(m − i) ≤ α)', () => {
    // 0.025·2 = 0.05 ≤ 0.05 and 0.05·1 ≤ 0.05: both rejected, so the second is judged at α itself.
    expect(holmLevels([0.025, 0.05], 0.05)).toEqual([0.025, 0.05]);
    expect(holmLevels([0.05, 0.025], 0.05)).toEqual([0.05, 0.025]);
    expect(holmAdjust([0.025, 0.05])).toEqual([0.05, 0.05]);
    expect(holmLevels([], 0.05)).toEqual([]);
  });
});
