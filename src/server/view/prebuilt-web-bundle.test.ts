import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPrebuiltWebBundle } from './prebuilt-web-bundle.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A package root with dist/web/ written at `builtAt`, a data file under src/ (installed packages ship some) written
 * at `dataAt`, and when `sourcesAt` is given web/ sources from then.
 */
function packageRoot(options: { builtAt: number; dataAt?: number; sourcesAt?: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'parity-prebuilt-'));
  roots.push(root);
  mkdirSync(join(root, 'dist', 'web'), { recursive: true });
  writeFileSync(join(root, 'dist', 'web', 'app.js'), 'built();');
  writeFileSync(join(root, 'dist', 'web', 'styles.css'), 'body {}');
  for (const file of ['app.js', 'styles.css']) {
    utimesSync(join(root, 'dist', 'web', file), options.builtAt, options.builtAt);
  }
  if (options.dataAt !== undefined) {
    mkdirSync(join(root, 'src', 'cost', 'catalog'), { recursive: true });
    writeFileSync(join(root, 'src', 'cost', 'catalog', 'models.yaml'), 'models: []');
    utimesSync(join(root, 'src', 'cost', 'catalog', 'models.yaml'), options.dataAt, options.dataAt);
  }
  if (options.sourcesAt !== undefined) {
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'web', 'main.ts'), 'source();');
    utimesSync(join(root, 'web', 'main.ts'), options.sourcesAt, options.sourcesAt);
  }
  return root;
}

describe('readPrebuiltWebBundle', () => {
  it('takes the built bundle of an installed package (no web/), whatever the file times', async () => {
    // npm unpacks in no particular order: a data file may be newer than the bundle.
    expect(await readPrebuiltWebBundle(packageRoot({ builtAt: 1_000, dataAt: 2_000 }))).toEqual({
      script: 'built();',
      style: 'body {}',
    });
  });

  it('takes the built bundle of a checkout when it is newer than the web sources', async () => {
    const bundle = await readPrebuiltWebBundle(packageRoot({ builtAt: 2_000_000, sourcesAt: 1_000_000 }));
    expect(bundle?.script).toBe('built();');
  });

  it('refuses the built bundle of a checkout whose web sources changed since the build', async () => {
    expect(
      await readPrebuiltWebBundle(packageRoot({ builtAt: 1_000_000, sourcesAt: 2_000_000 })),
    ).toBeUndefined();
  });

  it('gives nothing when nothing was built', async () => {
    const root = mkdtempSync(join(tmpdir(), 'parity-prebuilt-'));
    roots.push(root);
    expect(await readPrebuiltWebBundle(root)).toBeUndefined();
  });
});
