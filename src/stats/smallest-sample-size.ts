/**
 * The smallest n ≥ 1 (to the search's resolution) whose `powerAt(n)` reaches `target`, starting from a guess
 * such as a normal-approximation formula: grows the guess by 10% steps until the target is reached, then
 * bisects between the last n below and the first n at or above it. Exact power of a discrete test is slightly
 * saw-toothed in n, so the result is the first n of the bisection that reaches the target, with its power.
 */
export function smallestSampleSize(options: {
  powerAt: (n: number) => number;
  target: number;
  guess: number;
  max?: number;
}): { n: number; power: number } | undefined {
  const max = options.max ?? 10_000_000;
  let high = Math.max(1, Math.round(options.guess));
  let highPower = options.powerAt(high);
  let low = high;
  if (highPower >= options.target) {
    // Step down until below the target, so the answer is not just the guess.
    for (;;) {
      if (low <= 1) {
        low = 0;
        break;
      }
      const next = Math.max(1, Math.floor(low / 1.1));
      const power = options.powerAt(next);
      low = next;
      if (power < options.target) break;
      high = next;
      highPower = power;
    }
  } else {
    while (highPower < options.target) {
      if (high >= max) return undefined;
      low = high;
      high = Math.min(max, Math.ceil(high * 1.1) + 1);
      highPower = options.powerAt(high);
    }
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const power = options.powerAt(middle);
    if (power >= options.target) {
      high = middle;
      highPower = power;
    } else low = middle;
  }
  return { n: high, power: highPower };
}
