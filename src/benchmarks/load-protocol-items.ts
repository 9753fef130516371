import type { Benchmark, DatasetSource, Item, LoadOptions, Protocol } from '../spec/index.ts';

/**
 * The items a protocol runs on: the benchmark's items, without those the protocol's `includesItem` leaves out,
 * then the first `limit` of them (so `--limit 30` means 30 items the protocol really runs).
 */
export async function loadProtocolItems(
  benchmark: Benchmark,
  protocol: Protocol,
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item[]> {
  const includesItem = protocol.includesItem?.bind(protocol);
  if (!includesItem) return benchmark.loadItems(source, options);
  const kept = (await benchmark.loadItems(source)).filter((item) => includesItem(item));
  return options.limit === undefined ? kept : kept.slice(0, Math.max(0, options.limit));
}
