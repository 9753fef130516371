import { InputError, type Protocol } from '../spec/index.ts';
import { taskProtocol } from './task-protocol.ts';
import { taskSchema } from './task-schema.ts';

/** The protocol of a stored task run, from the definition stored in its config (its file may have changed). */
export function storedTaskProtocol(task: { readonly file: string; readonly definition: unknown }): Protocol {
  const parsed = taskSchema.safeParse(task.definition);
  if (!parsed.success) {
    throw new InputError(
      `the stored task definition does not parse: ${parsed.error.issues[0]?.message ?? ''}`,
      {
        location: task.file,
      },
    );
  }
  return taskProtocol(parsed.data, task.file) as Protocol;
}
