import { seededRandom } from './seeded-random.ts';

/**
 * A copy of `items` in a uniformly random order drawn from `seed` (Fisher–Yates from the last position down,
 * j = nextInt(i + 1)): the same seed always gives the same order. `parity eval --stop-when-decided` draws its
 * items in such an order so that every prefix is a random sample of the plan, whatever order the reference
 * run stored them in (round-robin by subject, file order) — the condition under which stopping early holds
 * its error rate.
 */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const shuffled = [...items];
  // Stryker disable next-line EqualityOperator: at index 0 the swap is with itself (nextInt(1) = 0); the extra draw is not used
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = random.nextInt(index + 1);
    const held = shuffled[index] as T;
    shuffled[index] = shuffled[other] as T;
    shuffled[other] = held;
  }
  return shuffled;
}
