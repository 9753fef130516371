import { dirname, resolve } from 'node:path';
import type { Benchmark, CodeExecutor, Item, Protocol, RunConfig } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { readTaskDataset } from './read-task-dataset.ts';
import { taskBenchmark } from '../tasks/task-protocol.ts';
import { taskSchema } from '../tasks/task-schema.ts';
import type { CliIo } from './cli-io.ts';
import { openCodeExecutor, type CodeExecutionFlags } from './options/code-execution-options.ts';

/**
 * What `parity resume` needs for a task run: the protocol from the definition stored with the run, the items
 * from its dataset file (relative to the stored task file), and the sandbox when it has python graders.
 */
export async function resumeTaskRun(
  io: CliIo,
  config: RunConfig & { readonly task: { readonly file: string; readonly definition: unknown } },
  flags: Pick<CodeExecutionFlags, 'execJobs' | 'unsafeNoSandbox' | 'execTimeout'>,
): Promise<{ benchmark: Benchmark; protocol: Protocol; items: Item[]; executor?: CodeExecutor }> {
  const parsed = taskSchema.safeParse(config.task.definition);
  if (!parsed.success) {
    throw new InputError('the task definition stored with the run does not parse', {
      location: config.task.file,
    });
  }
  const definition = parsed.data;
  const rows = await readTaskDataset(resolve(dirname(config.task.file), definition.dataset));
  const executor = definition.graders.some((grader) => grader.type === 'python')
    ? await openCodeExecutor(io, {
        ...flags,
        ...(config.execTimeoutMs === undefined ? {} : { execTimeout: String(config.execTimeoutMs / 1000) }),
      })
    : undefined;
  const benchmark = taskBenchmark({ file: config.task.file, definition, rows }, executor ? { executor } : {});
  const items = await benchmark.loadItems(
    { resolveFile: () => Promise.resolve(''), listFiles: () => Promise.resolve([]) },
    config.limit === undefined ? {} : { limit: config.limit },
  );
  return {
    benchmark: benchmark as Benchmark,
    protocol: benchmark.protocols[0] as Protocol,
    items,
    ...(executor ? { executor } : {}),
  };
}
