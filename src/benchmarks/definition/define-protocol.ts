import type { Item, Protocol } from '../../spec/index.ts';
import type { CompileContext } from './compiled-common.ts';
import { compileGenerate } from './compile-generate.ts';
import { compileLoglikelihood } from './compile-loglikelihood.ts';
import { defaultVariables } from './default-variables.ts';
import { parseDefinition, type ProtocolDefinition } from './protocol-definition.ts';

/**
 * Compiles a declarative single-turn definition (docs/adding-a-benchmark.md) into the `Protocol` the engine runs:
 * requests from the templates, scores from the named extractor and matcher (`accuracy`, 0 or 1), the reference
 * reply from its template. Log-likelihood definitions score `accuracy` and `accuracy_norm` over the choices.
 * A bad definition throws InputError naming the field.
 */
export function defineProtocol<TData>(definition: ProtocolDefinition<TData>): Protocol<TData> {
  const { variables, include, examples, ...data } = definition;
  const where = `benchmark definition ${typeof data.id === 'string' ? data.id : '?'}`;
  const parsed = parseDefinition(data, where);
  const compile: CompileContext<TData> = {
    where,
    variablesOf: (item: Item<TData>) => (variables ?? defaultVariables)(item.data),
    itemWhere: (item: Item<TData>) => `${parsed.id}: item ${item.id}`,
    target: parsed.target ?? '{{answer}}',
    include,
    examples,
  };
  return 'loglikelihood' in parsed ? compileLoglikelihood(parsed, compile) : compileGenerate(parsed, compile);
}
