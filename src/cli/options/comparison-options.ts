import type { MarginOptions } from '../../analysis/compare-runs.ts';
import { InputError } from '../../spec/index.ts';

/** A positive number flag (a margin in points or percent). */
function parsePositive(flag: string, value: string): number {
  const number = Number(value.trim().replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InputError(`expected a positive number, got '${value}'`, { location: flag });
  }
  return number;
}

/** The margin flags of `compare`, `report` and `plan`. */
export interface MarginFlags {
  readonly margin?: string;
  readonly marginRelative?: string;
  readonly nonInferiority?: boolean;
}

/** `--margin`, `--margin-relative`, `--non-inferiority` as the options of `decideComparisons`. */
export function parseMarginFlags(flags: MarginFlags): MarginOptions | undefined {
  if (flags.margin !== undefined && flags.marginRelative !== undefined) {
    throw new InputError('give either --margin or --margin-relative, not both', { location: '--margin' });
  }
  if (flags.margin === undefined && flags.marginRelative === undefined) {
    if (flags.nonInferiority) {
      throw new InputError('--non-inferiority needs --margin (or --margin-relative)', {
        location: '--non-inferiority',
      });
    }
    return undefined;
  }
  const nonInferiority = flags.nonInferiority === true;
  if (flags.margin !== undefined) return { points: parsePositive('--margin', flags.margin), nonInferiority };
  const percent = parsePositive('--margin-relative', flags.marginRelative ?? '');
  if (percent >= 100) {
    throw new InputError(`expected a percentage of A's score below 100, got '${flags.marginRelative}'`, {
      location: '--margin-relative',
    });
  }
  return { relative: percent / 100, nonInferiority };
}

/** A probability flag: a fraction in [0, 1], or a percentage written with '%' ("88.7%"). */
export function parseFraction(flag: string, value: string): number {
  const trimmed = value.trim();
  const isPercent = trimmed.endsWith('%');
  const number = Number(isPercent ? trimmed.slice(0, -1) : trimmed);
  const fraction = isPercent ? number / 100 : number;
  if (trimmed === '' || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new InputError(`expected a fraction in [0, 1] (or a percentage such as 88.7%), got '${value}'`, {
      location: flag,
    });
  }
  return fraction;
}

/** `--level`: a significance level strictly between 0 and 1. */
export function parseLevel(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const level = Number(value);
  if (!Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new InputError(`expected a significance level between 0 and 1, e.g. 0.05, got '${value}'`, {
      location: '--level',
    });
  }
  return level;
}
