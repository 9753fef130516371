import type { Command } from 'commander';

/**
 * Shows every option's default as the user would type it — `(default: 8)`, not commander's JSON `"8"` — in the
 * help of the program and all of its commands. Options that describe their default in words keep it.
 */
export function showDefaultsPlainly(program: Command): void {
  for (const command of [program, ...program.commands.flatMap((child) => [child, ...child.commands])]) {
    for (const option of command.options) {
      if (typeof option.defaultValue === 'string' && option.defaultValueDescription === undefined) {
        option.defaultValueDescription = option.defaultValue;
      }
    }
  }
}
