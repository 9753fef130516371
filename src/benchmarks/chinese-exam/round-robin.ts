/**
 * Row 0 of every list, then row 1 of every list, … skipping lists that have run out: the order `--limit` takes
 * a prefix of (a small limit covers many subjects; the whole list holds every row once).
 */
export function roundRobin<T>(lists: readonly (readonly T[])[]): T[] {
  const ordered: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let row = 0; row < longest; row += 1) {
    for (const list of lists) {
      const entry = list[row];
      if (entry !== undefined) ordered.push(entry);
    }
  }
  return ordered;
}
