import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI layout of docs/decisions/0220-cli-layout.md: one folder per command, registered lazily from main.ts. */
const cliDir = resolve(import.meta.dirname, '../src/cli');
const commandsDir = join(cliDir, 'commands');
const commands = readdirSync(commandsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Static imports that bring values (not `import type`), as written. */
function valueImports(text: string): string[] {
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)].map((match) => match[1] ?? '');
}

describe('CLI layout', () => {
  it('every command folder has its registration and its command module', () => {
    const missing = commands.flatMap((name) =>
      [`register-${name}.ts`, `${name}-command.ts`]
        .filter((file) => !existsSync(join(commandsDir, name, file)))
        .map((file) => `${name}/${file}`),
    );
    expect(commands.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('main.ts registers every command folder through its register file', () => {
    const main = readFileSync(join(cliDir, 'main.ts'), 'utf8');
    const registered = valueImports(main).filter((path) => path.startsWith('./commands/'));
    expect(registered.sort()).toEqual(
      commands.map((name) => `./commands/${name}/register-${name}.ts`).sort(),
    );
  });

  it("a registration loads no file of its command's folder until the command runs", () => {
    const eager = commands.flatMap((name) => {
      const text = readFileSync(join(commandsDir, name, `register-${name}.ts`), 'utf8');
      return valueImports(text)
        .filter((path) => path.startsWith('./'))
        .map((path) => `${name}: ${path}`);
    });
    expect(eager).toEqual([]);
  });
});
