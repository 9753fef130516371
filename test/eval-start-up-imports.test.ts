import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `parity eval --bench` loads what a benchmark run needs and no more (docs/decisions/0320): the modules below are
 * imported on demand (`await import(…)`), so a static import of one of them from anywhere on the eval path brings
 * its start-up cost back to every run. This follows the static value imports from the command's entry module.
 */
const root = resolve(import.meta.dirname, '..');
const entry = join(root, 'src/cli/commands/eval/eval-project-command.ts');

/** Relative paths imported for their values (`import type` and `import { type A }` bring nothing at run time). */
function valueImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^(import|export)\s+([^;]*?)\s+from\s+'(\.[^']+)';/gms)) {
    const clause = match[2] ?? '';
    if (/^type\s/.test(clause)) continue;
    const braces = /^\{([^}]*)\}$/.exec(clause.trim());
    const names = braces?.[1]
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (names !== undefined && names.every((name) => name.startsWith('type '))) continue;
    found.push(match[3] ?? '');
  }
  for (const match of text.matchAll(/^import\s+'(\.[^']+)';/gm)) found.push(match[1] ?? '');
  return found;
}

function staticClosure(start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const path of valueImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), path);
      if (!existsSync(target) || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}

describe('parity eval start-up', () => {
  const reached = [...staticClosure(entry)].map((file) => relative(root, file));

  it('follows the eval path (the check itself sees the modules a run needs)', () => {
    expect(reached).toContain('src/cli/commands/eval/eval-command.ts');
    expect(reached).toContain('src/evaluation/evaluate-benchmark.ts');
    expect(reached).toContain('src/benchmarks/load-benchmark.ts');
    expect(reached.length).toBeGreaterThan(100);
  });

  it('reaches no benchmark, dataset manifest, sandbox, task or project module statically', () => {
    const eager = reached.filter(
      (file) =>
        /^src\/benchmarks\/[^/]+\/index\.ts$/.test(file) ||
        /-download-manifest\.ts$/.test(file) ||
        [
          'src/benchmarks/registry.ts',
          'src/benchmarks/dataset-manifests.ts',
          'src/tasks/task-protocol.ts',
          'src/tasks/task-schema.ts',
          'src/cli/load-task.ts',
          'src/cli/project/run-project.ts',
          'src/report/junit-report.ts',
        ].includes(file) ||
        file.startsWith('src/scoring/sandbox/'),
    );
    expect(eager).toEqual([]);
  });
});
