/**
 * An integer written as `toLocaleString('en-US')` writes it (`1,234,567`, `-1,000`), without loading ICU's number
 * formatting: the first `toLocaleString` of a process costs ~13 ms of CPU and more wall time, paid by every
 * `parity eval` for its spend estimate. Other numbers (fractions, non-finite) go to `toLocaleString` itself.
 */
export function groupThousands(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let index = grouped.length; index < digits.length; index += 3)
    grouped += `,${digits.slice(index, index + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}
