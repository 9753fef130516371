// The smallest paired t-test (two differences, df 1: the Cauchy distribution, closed forms) and the Wald test of
// two independent proportions against SciPy 1.17:
//   stats.t.sf(2, 1) = 0.14758361765043326 (= ½ − atan(2)/π), stats.t.ppf(0.975, 1) = 12.706204736174694
//   (= tan(0.475π)), stats.ttest_rel([1, 3], [0, 0]).pvalue = 0.2951672353008665;
//   z = 0.1/√0.0074: stats.norm.sf(z) = 0.1225210053161932, 0.1 ∓ stats.norm.ppf(0.975)·√0.0074 =
//   −0.06860247706702449, 0.2686024770670245.
import { describe, expect, it } from 'vitest';
import { pairedTInference, waldTwoProportionInference } from './location-inference.ts';

describe('pairedTInference', () => {
  it('uses the sample variance from two differences on (df 1)', () => {
    // Differences 1 and 3: mean 2, variance 2, standard error √(2/2) = 1, t = 2.
    const inference = pairedTInference([1, 3]);
    expect(inference.method).toBe('paired_t');
    expect(inference.estimate).toBe(2);
    expect(inference.pGreater(0)).toBeCloseTo(0.14758361765043326, 13);
    expect(inference.pGreater(0)).toBeCloseTo(0.5 - Math.atan(2) / Math.PI, 13);
    expect(inference.pLess(0)).toBeCloseTo(1 - 0.14758361765043326, 13);
    expect(2 * inference.pGreater(0)).toBeCloseTo(0.2951672353008665, 13);
    const [low, high] = inference.interval(0.95);
    expect(low).toBeCloseTo(2 - 12.706204736174694, 10);
    expect(high).toBeCloseTo(2 + 12.706204736174694, 10);
  });
});

describe('waldTwoProportionInference', () => {
  it('names its method and uses the unpooled standard error', () => {
    const inference = waldTwoProportionInference({ proportionA: 0.6, nA: 100, proportionB: 0.5, nB: 50 });
    expect(inference.method).toBe('two_proportion_wald_unpaired');
    expect(inference.estimate).toBeCloseTo(0.1, 15);
    expect(inference.pGreater(0)).toBeCloseTo(0.1225210053161932, 13);
    const [low, high] = inference.interval(0.95);
    expect(low).toBeCloseTo(-0.06860247706702449, 13);
    expect(high).toBeCloseTo(0.2686024770670245, 13);
  });
});
