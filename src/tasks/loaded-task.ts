import type { TaskDefinition } from './task-schema.ts';

/** One dataset row: its item id (`id` field, else the 1-based row number) and its fields as variables. */
export interface TaskRow {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A task file read and checked, with its dataset rows. */
export interface LoadedTask {
  /** Absolute path of the task file. */
  readonly file: string;
  readonly definition: TaskDefinition;
  readonly rows: readonly TaskRow[];
}
