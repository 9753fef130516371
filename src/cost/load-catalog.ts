import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../spec/index.ts';
import { packageRoot } from '../package-files/package-root.ts';
import { gpuCatalogSchema, modelCatalogSchema, type GpuCatalog, type ModelCatalog } from './catalog-types.ts';
import { parseDataFile } from './parse-data-file.ts';

/** The folder of the catalogs shipped with parity. */
export const catalogDirectory = join(packageRoot(import.meta.dirname), 'src', 'cost', 'catalog');

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read: ${(error as Error).message}`, { location: file, cause: error });
  }
}

function assertUniqueIds(ids: readonly string[], file: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError(`duplicate id '${id}'`, { location: file });
    seen.add(id);
  }
}

/**
 * Whether the shipped model catalog can hold a model named `name` (as `findCatalogModel` matches names): false
 * when the name's last `/` segment appears nowhere in the file's text, whatever the case. A cheap test before
 * parsing the catalog (tens of milliseconds of YAML and schema checks) for a model it cannot price. `file` is
 * the shipped catalog unless a test names another.
 */
export function shippedCatalogMayName(name: string, file = join(catalogDirectory, 'models.yaml')): boolean {
  const wanted = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  try {
    return readFileSync(file, 'utf8').toLowerCase().includes(wanted);
  } catch {
    // Unreadable: let the real load report it.
    return true;
  }
}

/** Reads a model catalog (default: the shipped src/cost/catalog/models.yaml). */
export function loadModelCatalog(file = join(catalogDirectory, 'models.yaml')): ModelCatalog {
  const catalog = parseDataFile({ text: readText(file), file, schema: modelCatalogSchema });
  assertUniqueIds(
    catalog.models.map((model) => model.id),
    file,
  );
  return catalog;
}

/** Reads a GPU catalog (default: the shipped src/cost/catalog/gpus.yaml). */
export function loadGpuCatalog(file = join(catalogDirectory, 'gpus.yaml')): GpuCatalog {
  const catalog = parseDataFile({ text: readText(file), file, schema: gpuCatalogSchema });
  assertUniqueIds(
    catalog.gpus.map((gpu) => gpu.id),
    file,
  );
  return catalog;
}
