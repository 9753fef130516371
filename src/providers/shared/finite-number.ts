/** A finite number, or undefined for anything else: usage a server did not report stays undefined, never 0. */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
