import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PythonRandom } from './python-random.ts';

describe('PythonRandom', () => {
  it('starts where CPython does for seed 0 (random.seed(0); random.random() is 0.8444218515250481)', () => {
    expect(new PythonRandom(0).random()).toBe(0.8444218515250481);
  });

  it('rejects seeds it cannot reproduce and empty choices', () => {
    expect(() => new PythonRandom(-1)).toThrow(RangeError);
    expect(() => new PythonRandom(1.5)).toThrow(RangeError);
    expect(() => new PythonRandom(0).choice([])).toThrow(RangeError);
  });

  it('draws what CPython 3.11 draws, from values pasted below (no Python needed)', () => {
    // /usr/bin/python3 (CPython 3.11.2), for each seed:
    //   r = random.Random(seed); [r.random() for _ in range(3)]
    //   r = random.Random(seed); [r.random() for _ in range(700)]; r.random()   # the 701st, after a second twist
    //   r = random.Random(seed); [r.getrandbits(1), r.getrandbits(31), r.getrandbits(32)]
    const cpython: ReadonlyArray<readonly [number, readonly number[], number, readonly number[]]> = [
      [
        0,
        [0.8444218515250481, 0.7579544029403025, 0.420571580830845],
        0.6380736282281027,
        [1, 827307999, 3255389356],
      ],
      [
        1,
        [0.13436424411240122, 0.8474337369372327, 0.763774618976614],
        0.0601840957099572,
        [0, 1222356005, 3639700191],
      ],
      [
        2 ** 32 - 1,
        [0.6353574441341173, 0.20319993954407756, 0.6073666030347188],
        0.6268621601916816,
        [1, 1330512506, 872737089],
      ],
      [
        2 ** 32,
        [0.11299430095636409, 0.41782886486292836, 0.0166763664992291],
        0.46026819317410395,
        [0, 754435550, 1794561286],
      ],
      [
        2 ** 32 + 7,
        [0.22550888929893187, 0.35860096918797, 0.7992331241239754],
        0.23991877023948283,
        [0, 1643911936, 1540179448],
      ],
      [
        2 ** 53 - 1,
        [0.09425040007102303, 0.22287455761867403, 0.19135148760372034],
        0.5861997102541607,
        [0, 1203930362, 957238923],
      ],
    ];
    for (const [seed, first, after700, bits] of cpython) {
      const random = new PythonRandom(seed);
      expect([random.random(), random.random(), random.random()]).toEqual(first);
      const long = new PythonRandom(seed);
      for (let draw = 0; draw < 700; draw++) long.random();
      expect(long.random()).toBe(after700);
      const bitsRandom = new PythonRandom(seed);
      expect([
        bitsRandom.getRandomBits(1),
        bitsRandom.getRandomBits(31),
        bitsRandom.getRandomBits(32),
      ]).toEqual(bits);
    }
  });

  it('gives CPython 3.11 gauss() and choice() draws and drops the spare Gaussian value on seed()', () => {
    // r = random.Random(5); [r.gauss(10, 2) for _ in range(3)] -> [7.642316497538657, 7.703678638418397, 11.33893782877194]
    // r = random.Random(5); r.gauss(0, 1); r.seed(5); r.gauss(0, 1) -> -1.1788417512306717
    // r = random.Random(3); [r.choice(range(5)) for _ in range(10)], [r.choice('abcdefghij') for _ in range(5)]
    //   -> [1, 4, 4, 1, 2, 4, 3, 4, 0, 4] ['a', 'h', 'e', 'i', 'd']
    const gauss = new PythonRandom(5);
    const draws = [gauss.gauss(10, 2), gauss.gauss(10, 2), gauss.gauss(10, 2)];
    [7.642316497538657, 7.703678638418397, 11.33893782877194].forEach((value, index) =>
      expect(draws[index]).toBeCloseTo(value, 12),
    );
    const reseeded = new PythonRandom(5);
    reseeded.gauss(0, 1);
    reseeded.seed(5);
    expect(reseeded.gauss(0, 1)).toBeCloseTo(-1.1788417512306717, 13);
    const choices = new PythonRandom(3);
    expect(Array.from({ length: 10 }, () => choices.choice([0, 1, 2, 3, 4]))).toEqual([
      1, 4, 4, 1, 2, 4, 3, 4, 0, 4,
    ]);
    expect(Array.from({ length: 5 }, () => choices.choice([...'abcdefghij']))).toEqual([
      'a',
      'h',
      'e',
      'i',
      'd',
    ]);
  });

  it('takes 1 to 32 bits and sequences up to 2^32 - 1 long, and says what was wrong', () => {
    const random = new PythonRandom(0);
    expect(() => random.getRandomBits(0)).toThrow(new RangeError('bits must be 1..32: 0'));
    expect(() => random.getRandomBits(33)).toThrow(RangeError);
    expect(() => random.getRandomBits(1.5)).toThrow(RangeError);
    expect(() => random.choice({ length: 2 ** 32 + 1 } as unknown as readonly number[])).toThrow(
      new RangeError('sequence too long'),
    );
    expect(() => random.choice({ length: 2 ** 32 - 1 } as unknown as readonly number[])).not.toThrow();
    expect(() => random.choice([])).toThrow(new RangeError('cannot choose from an empty sequence'));
    expect(() => new PythonRandom(-1)).toThrow(new RangeError('seed must be a non-negative integer: -1'));
  });

  const python = '/usr/bin/python3';
  it.skipIf(!existsSync(python))(
    `draws the same random(), gauss(), choice() and getrandbits() as CPython (${python}; skipped when absent)`,
    () => {
      const seeds = [0, 1, 42, 2 ** 32 + 7];
      const script = `
import json, random
out = []
for seed in ${JSON.stringify(seeds)}:
    r = random.Random(seed)
    out.append([r.random(), r.gauss(0, 1), r.gauss(0.5, 0.05), r.gauss(0, 1)] + [r.choice(range(n)) for n in (1, 2, 3, 100, 30001)] + [r.getrandbits(32), r.getrandbits(7)])
print(json.dumps(out))`;
      const expected: unknown = JSON.parse(spawnSync(python, ['-c', script], { encoding: 'utf8' }).stdout);
      const actual = seeds.map((seed) => {
        const random = new PythonRandom(seed);
        return [
          random.random(),
          random.gauss(0, 1),
          random.gauss(0.5, 0.05),
          random.gauss(0, 1),
          ...[1, 2, 3, 100, 30001].map((n) => random.choice(Array.from({ length: n }, (_, index) => index))),
          random.getRandomBits(32),
          random.getRandomBits(7),
        ];
      });
      // gauss() goes through cos, sin and log, where V8 and the C library may differ in the last bit.
      const close = (value: unknown) =>
        typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(14)) : value;
      expect(actual.map((row) => row.map(close))).toEqual(
        (expected as unknown[][]).map((row) => row.map(close)),
      );
      expect(actual.map((row) => row.filter((value) => Number.isInteger(value)))).toEqual(
        (expected as number[][]).map((row) => row.filter((value) => Number.isInteger(value))),
      );
      expect(actual.map((row) => row[0])).toEqual((expected as number[][]).map((row) => row[0]));
    },
  );
});
