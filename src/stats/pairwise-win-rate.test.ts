import { describe, expect, it } from 'vitest';
import { pairwiseWinRate } from './pairwise-win-rate.ts';

describe('pairwiseWinRate', () => {
  it('all ties (a judge that always picks the first position): 0.5, degenerate interval, p = 1', () => {
    expect(pairwiseWinRate({ wins: 0, losses: 0, ties: 20 })).toEqual({
      winRate: 0.5,
      interval: [0.5, 0.5],
      pValue: 1,
      n: 20,
    });
  });

  it('A preferred on 10 of 10 items: win rate 1, p = 2/1024, interval from Clopper–Pearson on 10/10', () => {
    const result = pairwiseWinRate({ wins: 10, losses: 0, ties: 0 });
    expect(result.winRate).toBe(1);
    expect(result.pValue).toBeCloseTo(2 / 1024, 12);
    // Clopper–Pearson lower bound for 10/10 at 95%: 0.025^(1/10) = 0.69150...; the win rate is then that bound.
    expect(result.interval[0]).toBeCloseTo(0.025 ** (1 / 10), 6);
    expect(result.interval[1]).toBeCloseTo(1, 12);
  });

  it('takes the interval level from the options: at 90% the bound for 10/10 is 0.05^(1/10)', () => {
    const result = pairwiseWinRate({ wins: 10, losses: 0, ties: 0 }, { level: 0.9 });
    // Clopper–Pearson lower bound for n/n at level 1 − α: (α/2)^(1/n) = 0.05^(1/10) = 0.7411...
    expect(result.interval[0]).toBeCloseTo(0.05 ** (1 / 10), 6);
    expect(result.interval[1]).toBeCloseTo(1, 12);
  });

  it('ties count as half a win; the sign test ignores them; the interval excludes ½ exactly when p < 0.05', () => {
    // 8 wins, 2 losses, 10 ties: win rate (8 + 5)/20; p = 2·P(X ≤ 2 | 10, ½) = 2·56/1024.
    const result = pairwiseWinRate({ wins: 8, losses: 2, ties: 10 });
    expect(result.winRate).toBeCloseTo(0.65, 12);
    expect(result.pValue).toBeCloseTo(112 / 1024, 12);
    expect(result.interval[0]).toBeLessThan(0.5);
    const decided = pairwiseWinRate({ wins: 9, losses: 1, ties: 10 });
    expect(decided.pValue).toBeCloseTo(22 / 1024, 12);
    expect(decided.interval[0]).toBeGreaterThan(0.5);
    expect(decided.interval[1]).toBeLessThanOrEqual(1);
  });

  it('B preferred: the win rate and interval lie below ½', () => {
    const result = pairwiseWinRate({ wins: 0, losses: 12, ties: 3 });
    expect(result.winRate).toBeCloseTo(1.5 / 15, 12);
    expect(result.interval[1]).toBeLessThan(0.5);
    expect(result.pValue).toBeCloseTo(2 / 4096, 12);
  });

  it('no item: win rate ½, p = 1', () => {
    expect(pairwiseWinRate({ wins: 0, losses: 0, ties: 0 })).toMatchObject({ winRate: 0.5, pValue: 1, n: 0 });
  });
});
