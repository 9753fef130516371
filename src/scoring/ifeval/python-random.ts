/**
 * The parts of CPython's `random.Random` that `langdetect` draws from, reproduced so that a seeded detection gives
 * the same numbers as Python: the Mersenne Twister (MT19937) seeded from an integer the way CPython's
 * `random_seed` does (its 32-bit words fed to `init_by_array`), `random()` (53-bit float from two draws),
 * `gauss()` (Box–Muller with the spare value cached), and `choice()` through `_randbelow_with_getrandbits`.
 */
export class PythonRandom {
  readonly #state = new Uint32Array(624);
  #index = 624;
  #gaussNext: number | undefined;

  /** `seed` is a non-negative safe integer (Python's default `Random()` seeds from the OS; langdetect users set one). */
  constructor(seed: number) {
    this.seed(seed);
  }

  /** `random.seed(n)` for an integer n: resets the generator and drops the cached Gaussian value. */
  seed(seed: number): void {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be a non-negative integer: ${seed}`);
    const low = seed % 0x1_0000_0000;
    const high = Math.floor(seed / 0x1_0000_0000);
    this.#initByArray(high === 0 ? [low] : [low, high]);
    this.#gaussNext = undefined;
  }

  /** A float in [0, 1) with 53 random bits, as `random.random()`. */
  random(): number {
    const high = this.#next() >>> 5;
    const low = this.#next() >>> 6;
    return (high * 67108864 + low) * (1 / 9007199254740992);
  }

  /** `random.gauss(mu, sigma)`: each pair of uniform draws yields two values; the second is kept for the next call. */
  gauss(mu: number, sigma: number): number {
    let z = this.#gaussNext;
    this.#gaussNext = undefined;
    if (z === undefined) {
      const angle = this.random() * 2 * Math.PI;
      const radius = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(angle) * radius;
      this.#gaussNext = Math.sin(angle) * radius;
    }
    return mu + z * sigma;
  }

  /** `random.getrandbits(k)` for 0 < k ≤ 32. */
  getRandomBits(bits: number): number {
    if (!Number.isInteger(bits) || bits < 1 || bits > 32) throw new RangeError(`bits must be 1..32: ${bits}`);
    return this.#next() >>> (32 - bits);
  }

  /** `random.choice(sequence)`: an index below the length drawn by rejection on `bit_length(n)` random bits. */
  choice<T>(sequence: readonly T[]): T {
    const length = sequence.length;
    if (length === 0) throw new RangeError('cannot choose from an empty sequence');
    if (length > 0xffff_ffff) throw new RangeError('sequence too long');
    const bits = 32 - Math.clz32(length);
    let index = this.getRandomBits(bits);
    while (index >= length) index = this.getRandomBits(bits);
    return sequence[index] as T;
  }

  #initGenrand(seed: number): void {
    const state = this.#state;
    state[0] = seed >>> 0;
    // Stryker disable next-line EqualityOperator: a Uint32Array ignores a write at index 624
    for (let i = 1; i < 624; i++) {
      const previous = state[i - 1] as number;
      state[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
    this.#index = 624;
  }

  #initByArray(key: readonly number[]): void {
    const state = this.#state;
    this.#initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const previous = state[i - 1] as number;
      state[i] =
        (((state[i] as number) ^ Math.imul(previous ^ (previous >>> 30), 1664525)) +
          (key[j] as number) +
          j) >>>
        0;
      i++;
      j++;
      if (i >= 624) {
        state[0] = state[623] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const previous = state[i - 1] as number;
      state[i] = (((state[i] as number) ^ Math.imul(previous ^ (previous >>> 30), 1566083941)) - i) >>> 0;
      i++;
      if (i >= 624) {
        state[0] = state[623] as number;
        i = 1;
      }
    }
    state[0] = 0x8000_0000;
  }

  #twist(): void {
    const state = this.#state;
    // Stryker disable next-line EqualityOperator: a Uint32Array ignores a write at index 624 (and reads it as 0)
    for (let i = 0; i < 624; i++) {
      const y = ((state[i] as number) & 0x8000_0000) | ((state[(i + 1) % 624] as number) & 0x7fff_ffff);
      state[i] = ((state[(i + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908_b0df : 0)) >>> 0;
    }
    this.#index = 0;
  }

  #next(): number {
    if (this.#index >= 624) this.#twist();
    let y = this.#state[this.#index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
