import type { Benchmark, DatasetSource, Item, LoadOptions, Protocol } from '../../spec/index.ts';

/** A benchmark as a loader and its protocols (definitions compiled by `defineProtocol`, or hand-written ones). */
export interface BenchmarkDefinition<TData> {
  /** 'arc', 'mgsm', … */
  readonly id: string;
  /** Reads every test item from the upstream layout (rows that do not parse throw InputError naming file:line). */
  readonly load: (source: DatasetSource, options?: LoadOptions) => Promise<Item<TData>[]>;
  /** Headline protocol first: it is the default unless `default_protocol` names another. */
  readonly protocols: readonly [Protocol<TData>, ...Protocol<TData>[]];
  readonly default_protocol?: string;
}

/** The `Benchmark` the registry lists. Every protocol must name this benchmark. */
export function defineBenchmark<TData>(definition: BenchmarkDefinition<TData>): Benchmark<TData> {
  for (const protocol of definition.protocols) {
    if (protocol.benchmark !== definition.id) {
      throw new Error(
        `protocol ${protocol.id} names benchmark "${protocol.benchmark}", not "${definition.id}"`,
      );
    }
  }
  const defaultProtocol = definition.default_protocol ?? definition.protocols[0].id;
  if (!definition.protocols.some((protocol) => protocol.id === defaultProtocol)) {
    throw new Error(
      `benchmark ${definition.id}: default_protocol "${defaultProtocol}" is not one of its protocols`,
    );
  }
  return {
    id: definition.id,
    protocols: definition.protocols,
    defaultProtocol,
    loadItems: definition.load,
  };
}
