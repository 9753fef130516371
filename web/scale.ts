// Linear scales and axis ticks for the charts: no DOM, so unit tests run them in Node.

/** Maps a value of the domain to a position in the range (and back with `invert`). */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  invert(position: number): number;
}

/** A linear map from `domain` onto `range`; a zero-width domain maps everything to the range's start. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number): number =>
    span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0)) as LinearScale;
  Object.defineProperties(scale, {
    domain: { value: [d0, d1] as const },
    range: { value: [r0, r1] as const },
    invert: {
      value: (position: number): number => (r1 === r0 ? d0 : d0 + ((position - r0) / (r1 - r0)) * span),
    },
  });
  return scale;
}

/** About `count` round ticks (1, 2 or 5 × 10^k apart) covering [min, max], the first ≤ min, the last ≥ max. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const size = ([1, 2, 5, 10].find((multiple) => multiple * power >= rough) ?? 10) * power;
  const first = Math.floor(min / size + 1e-9) * size;
  const ticks: number[] = [];
  for (let index = 0; ; index += 1) {
    const tick = Number((first + index * size).toPrecision(12));
    ticks.push(tick);
    if (tick >= max - size * 1e-9 || index > 1000) break;
  }
  return ticks;
}
