// The confidence sequence's defaults, verdicts, clamping and state against a plain-Python implementation of
// Waudby-Smith & Ramdas (2024), Theorem 2, written from the paper (not from this code), run with Python 3.12:
//
//   def cs(d, alpha=0.05, lower=-1, upper=1, planned=None, margin=None):
//       L = math.log(2/alpha); rng = upper-lower; z0 = -lower/rng
//       mu_prev, s2_prev = 0.5, 0.25; sx = ss = sl = slx = pen = 0.0
//       low, high = 0.0, 1.0; verdict = 'undecided'; out = []
//       for t, di in enumerate(d, 1):
//           x = min(1.0, max(0.0, (di-lower)/rng))
//           h = planned if planned is not None else t*math.log(1+t)
//           lam = min(0.5, math.sqrt(2*L/(s2_prev*h)))
//           pen += 4*(x-mu_prev)**2 * (-math.log(1-lam)-lam)/4        # v_i * psi_E(lambda_i)
//           sl += lam; slx += lam*x
//           low = max(low, slx/sl - (L+pen)/sl); high = min(high, slx/sl + (L+pen)/sl)
//           sx += x; mu = (0.5+sx)/(t+1); ss += (x-mu)**2; s2_prev = (0.25+ss)/(t+1); mu_prev = mu
//           lo, hi = lower+rng*low, lower+rng*high
//           if verdict == 'undecided':
//               if low > z0: verdict = 'a_better'
//               elif high < z0: verdict = 'b_better'
//               elif margin is not None and lo > -margin and hi < margin: verdict = 'equivalent'
//           out.append((t, lo, hi, verdict))
//       return out
//
// (It reproduces the numpy reference of scripts/stats-fixtures/compute-reference-values.py to 2e-16.) Each row
// below is [t, low, high, verdict] from `cs(...)` with the arguments named in the test.
import { describe, expect, it } from 'vitest';
import { createConfidenceSequence, type ConfidenceSequenceOptions } from './confidence-sequence.ts';

type Row = [number, number, number, string];

function expectRows(
  differences: readonly number[],
  options: ConfidenceSequenceOptions | undefined,
  rows: Row[],
) {
  const sequence = createConfidenceSequence(options);
  const states = differences.map((difference) => sequence.observe(difference));
  for (const [t, low, high, verdict] of rows) {
    const state = states[t - 1];
    if (state === undefined) throw new Error(`no state at t = ${t}`);
    expect(state.n).toBe(t);
    expect(state.ci[0], `low at t = ${t}`).toBeCloseTo(low, 12);
    expect(state.ci[1], `high at t = ${t}`).toBeCloseTo(high, 12);
    expect(state.verdict, `verdict at t = ${t}`).toBe(verdict);
  }
  return sequence;
}

const repeat = (pattern: readonly number[], times: number): number[] =>
  Array.from({ length: times }, () => pattern).flat();

describe('createConfidenceSequence', () => {
  it('defaults to α = 0.05, bounds −1 and 1 and the unplanned λ schedule: cs([1,0,1,1,-1,0,1,1,0,1]*6)', () => {
    expectRows(repeat([1, 0, 1, 1, -1, 0, 1, 1, 0, 1], 6), undefined, [
      [1, -1.0, 1.0, 'undecided'],
      [10, -1.0, 1.0, 'undecided'],
      [11, -0.907831158851687, 1.0, 'undecided'],
      [20, -0.3429004333971859, 1.0, 'undecided'],
      [33, -0.02768303905543401, 1.0, 'undecided'],
      [34, 0.0011227328244318713, 1.0, 'a_better'],
      [36, 0.0011227328244318713, 0.9846610006480325, 'a_better'],
      [40, 0.03357968961143065, 0.9641942621513062, 'a_better'],
      [60, 0.15949154219757666, 0.8369313203616069, 'a_better'],
    ]);
    expectRows(repeat([1, 0, 1, 1, -1, 0, 1, 1, 0, 1], 6), {}, [
      [34, 0.0011227328244318713, 1.0, 'a_better'],
    ]);
  });

  it('uses asymmetric bounds, α and the plan, clamping differences to the bounds: cs([1,.5,1.5,0,1]*16, .1, -2, 1, 60)', () => {
    const options = { alpha: 0.1, lower: -2, upper: 1, plannedItems: 60 };
    const sequence = expectRows(repeat([1, 0.5, 1.5, 0, 1], 16), options, [
      [1, -2.0, 1.0, 'undecided'],
      [10, -1.1539595024091232, 1.0, 'undecided'],
      [26, -0.015082751375927073, 1.0, 'undecided'],
      [27, 0.0038619135031812135, 1.0, 'a_better'],
      [80, 0.44952244098883387, 0.9496850888270263, 'a_better'],
    ]);
    // The mean is of the differences as given (1.5 unclamped): (1 + 0.5 + 1.5 + 0 + 1) / 5.
    expect(sequence.state().mean).toBeCloseTo(0.8, 14);
    expectRows(repeat([-1, -0.5, -1.5, 0, -1], 16), options, [
      [1, -2.0, 1.0, 'undecided'],
      [20, -1.7379812312551008, 0.1379812312551012, 'undecided'],
      [22, -1.6489444367484465, 0.058035345839355656, 'undecided'],
      [23, -1.6453498453316389, -0.006824067711839188, 'b_better'],
      [80, -1.0601750927766898, -0.5419828692321444, 'b_better'],
    ]);
  });

  it('keeps its first verdict whatever follows: cs([1]*16 + [-1]*30) and cs([-1]*16 + [1]*30)', () => {
    expectRows([...repeat([1], 16), ...repeat([-1], 30)], undefined, [
      [15, -0.004051693416433633, 1.0, 'undecided'],
      [16, 0.05865438234871467, 1.0, 'a_better'],
      [46, 0.05865438234871467, 0.21963920682892413, 'a_better'],
    ]);
    expectRows([...repeat([-1], 16), ...repeat([1], 30)], undefined, [
      [15, -1.0, 0.004051693416433633, 'undecided'],
      [16, -1.0, -0.05865438234871456, 'b_better'],
      [46, -0.21963920682892424, -0.05865438234871456, 'b_better'],
    ]);
  });

  it("decides 'equivalent' once inside ±margin, sticks to it, and prefers a side when both hold", () => {
    expectRows(repeat([0.1], 160), { margin: 0.3 }, [
      [73, -0.10217354359048392, 0.3021735435904833, 'undecided'],
      [74, -0.09944147344352916, 0.299441473443528, 'equivalent'],
      [148, 0.00027917598828786083, 0.1997208240117061, 'equivalent'],
      [160, 0.007758231711405328, 0.1922417682885882, 'equivalent'],
    ]);
    // At t = 74 the interval lies above 0 and inside ±0.4 alike: the side wins.
    expectRows(repeat([0.2], 80), { margin: 0.4 }, [
      [73, -0.0023030312199157077, 0.40230303121991917, 'undecided'],
      [74, 0.0004307744605795971, 0.39956922553942387, 'a_better'],
    ]);
  });

  it("needs the interval strictly inside the margin for 'equivalent'", () => {
    // The margin set to the interval's own edge at t = 40: touching it is not inside; a step later it is.
    for (const [value, edge] of [
      [0.1, 1],
      [-0.1, 0],
    ] as const) {
      const plain = createConfidenceSequence();
      const edges = repeat([value], 41).map((difference) => plain.observe(difference).ci[edge]);
      const margin = Math.abs(edges[39] ?? Number.NaN);
      const sequence = createConfidenceSequence({ margin });
      const verdicts = repeat([value], 41).map((difference) => sequence.observe(difference).verdict);
      expect(verdicts[39]).toBe('undecided');
      expect(verdicts[40]).toBe('equivalent');
    }
  });

  it('needs the interval strictly beyond 0 for a side, also when 0 is a bound: cs([1,1,0,1]*10, lower=0, upper=1)', () => {
    const above = createConfidenceSequence({ lower: 0, upper: 1 });
    const aboveStates = repeat([1, 1, 0, 1], 10).map((difference) => above.observe(difference));
    expect(aboveStates[0]?.ci).toEqual([0, 1]);
    expect(aboveStates[0]?.verdict).toBe('undecided');
    expect(aboveStates[10]?.verdict).toBe('undecided');
    expect(aboveStates[11]?.verdict).toBe('a_better');
    expect(aboveStates[11]?.ci[0]).toBeCloseTo(0.04386322934121478, 12);
    const below = createConfidenceSequence({ lower: -1, upper: 0 });
    const belowStates = repeat([-1, -1, 0, -1], 10).map((difference) => below.observe(difference));
    expect(belowStates[0]?.ci).toEqual([-1, 0]);
    expect(belowStates[0]?.verdict).toBe('undecided');
    expect(belowStates[10]?.verdict).toBe('undecided');
    expect(belowStates[11]?.verdict).toBe('b_better');
    expect(belowStates[11]?.ci[1]).toBeCloseTo(-0.04386322934121478, 12);
  });

  it('reports n, the plain mean and the whole range before any difference, and state() repeats the last one', () => {
    const sequence = createConfidenceSequence({ lower: -3, upper: 5 });
    const empty = sequence.state();
    expect(empty.n).toBe(0);
    expect(empty.mean).toBeNaN();
    expect(empty.ci).toEqual([-3, 5]);
    expect(empty.verdict).toBe('undecided');
    sequence.observe(2);
    sequence.observe(-3);
    const last = sequence.observe(7);
    expect(last.n).toBe(3);
    expect(last.mean).toBe(2);
    expect(sequence.state()).toEqual(last);
  });

  it('treats a difference beyond a bound as the bound for the interval', () => {
    const clamped = createConfidenceSequence();
    const plain = createConfidenceSequence();
    const values = repeat([3, -0.5, 1, 0, -7, 1], 5);
    for (const value of values) {
      const a = clamped.observe(value).ci;
      const b = plain.observe(Math.min(1, Math.max(-1, value))).ci;
      expect(a).toEqual(b);
    }
  });
});
