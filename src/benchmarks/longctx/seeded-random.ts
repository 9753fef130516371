/**
 * A seeded pseudo-random generator that gives the same sequence on every platform: mulberry32 over 32-bit
 * integer arithmetic (`Math.imul`, `>>>`), no floating-point state, no `Math.random`. The seed string is hashed
 * with 32-bit FNV-1a, so "42/niah_single/4096/d50/0" and "42/niah_single/4096/d50/1" give unrelated streams.
 */
export interface SeededRandom {
  /** A whole number in [0, 2^32). */
  nextUint32(): number;
  /** A whole number in [0, bound), bound ≥ 1 (rejection sampling, so every value is equally likely). */
  below(bound: number): number;
}

/** 32-bit FNV-1a of the string's UTF-16 code units. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function seededRandom(seed: string): SeededRandom {
  let state = fnv1a32(seed);
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return (mixed ^ (mixed >>> 14)) >>> 0;
  };
  return {
    nextUint32,
    below(bound: number): number {
      if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
        throw new RangeError(`bound must be a whole number in [1, 2^32], got ${bound}`);
      }
      const limit = 2 ** 32 - (2 ** 32 % bound);
      for (;;) {
        const value = nextUint32();
        if (value < limit) return value % bound;
      }
    },
  };
}
