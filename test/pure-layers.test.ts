import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `spec`, `analysis` and `report` do no I/O and read no clock (docs/decisions/0215-report-split.md): callers in
 * cli and server read catalogs, stores and files and pass the data in. The layer check (layers.test.ts) allows
 * report and analysis to import cost, so this check also names the cost and package files that read from disk.
 */
const pureLayers = ['spec', 'analysis', 'report'];

const forbidden: readonly { pattern: RegExp; what: string }[] = [
  {
    pattern: /from\s+['"](?:node:)?(?:fs|fs\/promises|os|child_process|net|http|https)['"]/,
    what: 'I/O module',
  },
  {
    pattern: /from\s+['"][^'"]*\/(?:load-catalog|catalog-price-for-spec)\.ts['"]/,
    what: 'catalog read from disk',
  },
  { pattern: /from\s+['"][^'"]*\/package-files\/[^'"]*['"]/, what: 'package file lookup' },
  { pattern: /\bDate\.now\(|\bnew Date\(\s*\)|\bperformance\.now\(/, what: 'clock' },
  { pattern: /\bprocess\./, what: 'process state' },
];

const srcDir = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

export function impurities(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const { pattern, what } of forbidden) {
      if (pattern.test(text)) found.push(`${relative(srcDir, file)}: ${what}`);
    }
  }
  return found;
}

describe('pure layers', () => {
  it('spec, analysis and report read no file, catalog or clock', () => {
    const files = pureLayers.flatMap((layer) => sourceFiles(join(srcDir, layer)));
    expect(files.length).toBeGreaterThan(40);
    expect(impurities(files)).toEqual([]);
  });
});
