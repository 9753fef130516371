import { InputError } from '../spec/index.ts';

/** Parses a flag value that must be a whole number ≥ `min`; bad values name the flag. */
export function parseWholeNumber(
  flag: string,
  value: string | undefined,
  options: { min?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const min = options.min ?? 1;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min) {
    throw new InputError(`expected a whole number ≥ ${min}, got '${value}'`, { location: flag });
  }
  return number;
}

/** Parses a duration flag in seconds (decimals allowed) into milliseconds. */
export function parseSecondsAsMs(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InputError(`expected a positive number of seconds, got '${value}'`, { location: flag });
  }
  return Math.round(seconds * 1000);
}

/** Splits 'a,b , c' into ['a', 'b', 'c'], dropping empty parts. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
