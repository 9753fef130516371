/** A seeded source of uniform numbers; the same seed always gives the same sequence. */
export interface SeededRandom {
  /** Uniform in [0, 1), with 32 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n): floor(nextFloat() · n). */
  nextInt(n: number): number;
}

/**
 * xoshiro128** (Blackman & Vigna 2018), its four 32-bit state words filled by splitmix32 from `seed`. Chosen
 * because it is fast in 32-bit arithmetic and easy to reproduce exactly in another language: the reference
 * script scripts/stats-fixtures/compute-reference-values.py implements the same generator to check seeded
 * statistics to the last digit.
 */
export function seededRandom(seed: number): SeededRandom {
  let splitState = seed >>> 0;
  const splitmix32 = (): number => {
    splitState = (splitState + 0x9e3779b9) >>> 0;
    let mixed = splitState;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    return (mixed ^ (mixed >>> 16)) >>> 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  const rotateLeft = (value: number, bits: number): number => (value << bits) | (value >>> (32 - bits));
  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result;
  };
  const nextFloat = (): number => nextUint32() / 4294967296;
  return { nextFloat, nextInt: (n) => Math.floor(nextFloat() * n) };
}
