import { InputError } from '../../spec/index.ts';
import type { z } from 'zod';
import type { NamedStep } from './protocol-definition.ts';

/**
 * The registry entry a definition's `extract:` or `match:` names, with its options checked: an unknown name or a
 * bad option throws InputError naming the field and, for a name, the known ones.
 */
export function resolveStep<TResult>(
  step: NamedStep,
  registry: Readonly<
    Record<
      string,
      {
        readonly options: z.ZodType<Record<string, unknown>>;
        readonly create: (options: Record<string, unknown>) => TResult;
      }
    >
  >,
  field: string,
  where: string,
): TResult {
  const { type, ...options } = typeof step === 'string' ? { type: step } : step;
  const found = Object.hasOwn(registry, type) ? registry[type] : undefined;
  if (found === undefined) {
    throw new InputError(`${field}: unknown "${type}"; known: ${Object.keys(registry).join(', ')}`, {
      location: where,
    });
  }
  const parsed = found.options.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [field, ...(issue?.path.map(String) ?? [])].join('.');
    throw new InputError(`${path}: ${issue?.message ?? 'invalid option'}`, { location: where });
  }
  return found.create(parsed.data);
}
