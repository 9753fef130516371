import { seededRandom } from '../stats/seeded-random.ts';

/** The seeded draws the load generator makes: uniform numbers, indices and gamma inter-arrival times. */
export interface LoadRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** A whole number in [0, bound). */
  integer(bound: number): number;
  /** Gamma(shape, scale) (Marsaglia–Tsang); mean shape × scale. */
  gamma(shape: number, scale: number): number;
}

/** A LoadRandom over the shared seeded generator (stats/seeded-random.ts, xoshiro128**). */
export function createLoadRandom(seed: number): LoadRandom {
  const source = seededRandom(seed);
  const next = (): number => source.nextFloat();
  const normal = (): number => {
    // Box–Muller; 1 − next() avoids log(0).
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    return radius * Math.cos(2 * Math.PI * next());
  };
  const gamma = (shape: number, scale: number): number => {
    // Stryker disable next-line EqualityOperator: at shape 1 both branches draw exact Gamma(1) (the boost identity holds for every shape > 0)
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) × U^(1/a).
      return gamma(shape + 1, scale) * Math.pow(1 - next(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      // Stryker disable ConditionalExpression,EqualityOperator: the loop's only condition, v ≤ 0: the acceptance test below rejects v ≤ 0 too (log of a non-positive cube is NaN or −∞)
      do {
        x = normal();
        const step = c * x;
        // Stryker disable next-line ArithmeticOperator: 1 − c·x has the same law as 1 + c·x (x is standard normal, symmetric)
        v = 1 + step;
      } while (v <= 0);
      // Stryker restore ConditionalExpression,EqualityOperator
      v = v * v * v;
      const u = 1 - next();
      // Stryker disable next-line EqualityOperator: log(u) equals the bound with probability 0
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  };
  return { next, integer: (bound) => source.nextInt(bound), gamma };
}
