import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.ts';

// Reference values computed independently in Python from the closed form (Wilson 1927, as in statsmodels'
// proportion_confint(method="wilson")): (0.722212, 0.874852) for 81/100 and (0.722467, 1.0) for 10/10.
describe('wilsonInterval', () => {
  it('matches the independently computed interval for 81/100', () => {
    const [low, high] = wilsonInterval({ successes: 81, n: 100 });
    expect(low).toBeCloseTo(0.722212, 6);
    expect(high).toBeCloseTo(0.874852, 6);
  });

  it('stays inside [0, 1] at the edges', () => {
    expect(wilsonInterval({ successes: 0, n: 10 })[0]).toBe(0);
    const [low, high] = wilsonInterval({ successes: 10, n: 10 });
    expect(high).toBeCloseTo(1, 12);
    expect(low).toBeCloseTo(0.722467, 6);
  });

  it('is [0, 1] with no data', () => {
    expect(wilsonInterval({ successes: 0, n: 0 })).toEqual([0, 1]);
  });
});
