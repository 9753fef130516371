import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Layers, bottom first (docs/architecture.md). A file may import from its own layer and from the layers listed
 * as allowed for it; an import that points up the list fails this test.
 */
const allowed: Record<string, readonly string[]> = {
  spec: [],
  // Locates the files shipped with parity (catalogs, demo items, IFEval data, the web app): the one place below
  // cost, scoring and the faces that touches the file system to find them (docs/decisions/0215-report-split.md).
  'package-files': [],
  providers: ['spec'],
  datasets: ['spec'],
  scoring: ['spec', 'package-files'],
  stats: ['spec'],
  cost: ['spec', 'package-files'],
  tasks: ['spec', 'scoring'],
  benchmarks: ['spec', 'datasets', 'scoring', 'tasks'],
  runner: ['spec', 'providers'],
  store: ['spec'],
  // The engine (src/evaluation/README.md): plans, runs and scores evaluations; providers come in as LanguageModel.
  evaluation: ['spec', 'datasets', 'scoring', 'stats', 'cost', 'tasks', 'benchmarks', 'runner', 'store'],
  // Comparisons, run cost, the recommendation: computed here, rendered by report (decision 0215).
  analysis: ['spec', 'stats', 'cost'],
  report: ['spec', 'stats', 'cost', 'analysis', 'evaluation'],
  loadgen: ['spec', 'providers', 'stats'],
  cli: [
    'spec',
    'providers',
    'datasets',
    'benchmarks',
    'tasks',
    'scoring',
    'stats',
    'cost',
    'runner',
    'store',
    'analysis',
    'evaluation',
    'report',
    'package-files',
    'server',
    'loadgen',
  ],
  // The library API (docs/library.md): a thin face over the engine (evaluation/); it still borrows the CLI's
  // option checks and code-sandbox opening from cli/.
  api: [
    'spec',
    'providers',
    'datasets',
    'benchmarks',
    'tasks',
    'scoring',
    'stats',
    'cost',
    'runner',
    'store',
    'analysis',
    'evaluation',
    'report',
    'package-files',
    'cli',
  ],
  server: [
    'spec',
    'providers',
    'datasets',
    'benchmarks',
    'tasks',
    'scoring',
    'stats',
    'cost',
    'runner',
    'store',
    'analysis',
    'evaluation',
    'report',
    'package-files',
    'loadgen',
  ],
};

const srcDir = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  const layer = relative(srcDir, path).split(/[\\/]/)[0] ?? '';
  return layer;
}

export function layerViolations(files: readonly string[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g,
    )) {
      const specifier = match[1] ?? match[2] ?? '';
      const to = layerOf(resolve(dirname(file), specifier));
      if (to === from) continue;
      if (!(allowed[from] ?? []).includes(to)) {
        violations.push(`${relative(srcDir, file)} imports ${specifier} (${from} may not import ${to})`);
      }
    }
  }
  return violations;
}

describe('layer boundaries', () => {
  it('every layer folder is known', () => {
    const layers = readdirSync(srcDir).filter((name) => statSync(join(srcDir, name)).isDirectory());
    expect(layers.filter((layer) => !(layer in allowed))).toEqual([]);
  });

  it('no import points up the layer list', () => {
    expect(layerViolations(sourceFiles(srcDir))).toEqual([]);
  });
});
