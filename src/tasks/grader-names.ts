import { InputError } from '../spec/index.ts';
import type { GraderSpec } from './task-schema.ts';

/**
 * Each grader's name: its `name`, else its type, numbered from the second of a type on (`includes`,
 * `includes_2`). Two graders with the same name throw InputError.
 */
export function graderNames(graders: readonly GraderSpec[], file: string): string[] {
  const counts = new Map<string, number>();
  const names = graders.map((grader) => {
    if (grader.name !== undefined) return grader.name;
    const count = (counts.get(grader.type) ?? 0) + 1;
    counts.set(grader.type, count);
    return count === 1 ? grader.type : `${grader.type}_${count}`;
  });
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index) {
      throw new InputError(`graders[${index}].name: "${name}" is used twice`, { location: file });
    }
  });
  return names;
}
