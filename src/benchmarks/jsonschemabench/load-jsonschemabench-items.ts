import { z } from 'zod';
import { readJsonLines } from '../../datasets/jsonl.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { JsonSchemaBenchData } from './jsonschemabench-data.ts';

const schemaRecord = z.object({
  name: z.string().min(1),
  schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]),
  tests: z.array(z.object({ valid: z.boolean(), data: z.unknown() })).optional(),
});

/**
 * Loads every `<subset>.jsonl` of the `jsonschemabench/` folder (one schema per line: `name`, `schema`; other
 * the first instance of `tests` labelled valid is kept as the reference answer, other fields are ignored; docs/datasets.md). Item id `<subset>/<name>`, group = subset. Order (what
 * `limit` takes a prefix of): round-robin over subsets in file-name order, each in file order, so a small limit
 * covers every subset. A line without a name or schema, or a name seen twice in a subset, throws InputError
 * naming file:line.
 */
export async function loadJsonSchemaBenchItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<JsonSchemaBenchData>[]> {
  const files = (await source.listFiles('jsonschemabench', '')).filter((file) => file.endsWith('.jsonl'));
  if (files.length === 0) {
    throw new InputError('no <subset>.jsonl file in the jsonschemabench folder (docs/datasets.md)');
  }
  const perSubset: Item<JsonSchemaBenchData>[][] = [];
  for (const fileName of files) {
    const subset = fileName.slice(0, -'.jsonl'.length);
    const file = await source.resolveFile('jsonschemabench', fileName);
    const seen = new Set<string>();
    const lines = await readJsonLines({ file, schema: schemaRecord });
    perSubset.push(
      lines.map(({ line, value }) => {
        if (seen.has(value.name)) {
          throw new InputError(`field "name": "${value.name}" appears twice`, {
            location: `${file}:${line}`,
          });
        }
        seen.add(value.name);
        const valid = value.tests?.find((test) => test.valid);
        return {
          id: `${subset}/${value.name}`,
          group: subset,
          data: {
            subset,
            name: value.name,
            schema: value.schema,
            ...(valid === undefined ? {} : { validInstance: valid.data }),
          },
        };
      }),
    );
  }
  const items: Item<JsonSchemaBenchData>[] = [];
  const longest = Math.max(...perSubset.map((list) => list.length));
  for (let row = 0; row < longest; row += 1) {
    for (const list of perSubset) {
      const item = list[row];
      if (item !== undefined) items.push(item);
    }
  }
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
