const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A short, sortable, readable run id: UTC date and time of `date` plus 4 random base-36 characters, e.g.
 * `20261129-043512-k3x9`. Ids made in later seconds sort after earlier ones. Defaults: the current time and
 * Math.random (the store allocating its own ids is the one place that reads the clock by itself).
 */
export function generateRunId(options: { date?: Date; random?: () => number } = {}): string {
  const date = options.date ?? new Date();
  const random = options.random ?? Math.random;
  const two = (value: number): string => String(value).padStart(2, '0');
  const day = `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const time = `${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}`;
  let suffix = '';
  for (let index = 0; index < 4; index += 1) {
    suffix += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
  }
  return `${day}-${time}-${suffix}`;
}
