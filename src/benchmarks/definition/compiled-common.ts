import type { Item, MetricSpec } from '../../spec/index.ts';
import type { ParsedDefinition } from './protocol-definition.ts';

/** What both kinds of compiled protocol need from the definition and its hooks. */
export interface CompileContext<TData> {
  readonly where: string;
  readonly variablesOf: (item: Item<TData>) => Readonly<Record<string, unknown>>;
  readonly itemWhere: (item: Item<TData>) => string;
  /** The gold answer template (default `{{answer}}`). */
  readonly target: string;
  readonly include: ((data: TData) => boolean) | undefined;
  readonly examples: ((data: TData) => readonly unknown[]) | undefined;
}

/** The protocol fields every compiled protocol has, in the usual order. */
export function commonFields<TData>(definition: ParsedDefinition, context: CompileContext<TData>) {
  const include = context.include;
  return {
    id: definition.id,
    version: definition.version,
    benchmark: definition.benchmark,
    ...(definition.former_ids === undefined ? {} : { formerIds: definition.former_ids }),
    description: definition.description,
    ...(include === undefined ? {} : { includesItem: (item: Item<TData>) => include(item.data) }),
  };
}

/** 0/1 metrics named as their item scores, aggregated as the definition says (default: mean over items). */
export function proportionMetrics(definition: ParsedDefinition, names: readonly string[]): MetricSpec[] {
  const aggregate = definition.aggregate ?? 'mean';
  return names.map((name) => ({ name, itemScore: name, aggregate, kind: 'proportion' }));
}
