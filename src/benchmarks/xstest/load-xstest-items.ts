import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../datasets/csv.ts';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { XstestData } from './xstest-data.ts';

const header = ['id_v1', 'id_v2', 'type', 'prompt', 'focus', 'note'] as const;

/**
 * Loads `xstest/xstest_v2_prompts.csv` (450 prompts: 250 safe, 200 unsafe `contrast_*`). Item id = `id_v2`
 * (`v2-1` …), group = type. Order: round-robin over the types in the order they first appear (`v2-1`, `v2-26`,
 * `v2-51` …, then each type's second prompt), so `--limit` takes safe and unsafe prompts of every type. A header other than upstream's, a row without a `v2-<n>` id, a
 * duplicate id or an empty prompt throws InputError naming file:line.
 */
export async function loadXstestItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<XstestData>[]> {
  const file = await source.resolveFile('xstest', 'xstest_v2_prompts.csv');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
  const [first, ...rows] = parseCsv(text, { file });
  if (!first || first.fields.join(',') !== header.join(',')) {
    throw new InputError(`expected the header ${header.join(',')}`, { location: `${file}:1` });
  }
  if (rows.length === 0) throw new InputError('the file has no prompts', { location: file });
  const seen = new Set<string>();
  const items = rows.map((row): Item<XstestData> => {
    const location = `${file}:${row.line}`;
    if (row.fields.length !== header.length) {
      throw new InputError(`expected ${header.length} fields, got ${row.fields.length}`, { location });
    }
    const [, idV2, type, prompt, focus, note] = row.fields as readonly string[];
    if (!/^v2-\d+$/.test(idV2 ?? ''))
      throw new InputError(`field "id_v2": expected v2-<n>, got '${idV2}'`, { location });
    if (seen.has(idV2 ?? '')) throw new InputError(`field "id_v2": '${idV2}' appears twice`, { location });
    seen.add(idV2 ?? '');
    if (!type) throw new InputError('field "type" is empty', { location });
    if (!prompt?.trim()) throw new InputError('field "prompt" is empty', { location });
    return {
      id: idV2 ?? '',
      group: type,
      data: {
        idV2: idV2 ?? '',
        prompt,
        type,
        label: type.startsWith('contrast_') ? 'unsafe' : 'safe',
        focus: focus ?? '',
        note: note ?? '',
      },
    };
  });
  const ordered = roundRobinByType(items);
  return options.limit === undefined ? ordered : ordered.slice(0, Math.max(0, options.limit));
}

function roundRobinByType(items: readonly Item<XstestData>[]): Item<XstestData>[] {
  const byType = new Map<string, Item<XstestData>[]>();
  for (const item of items) {
    const list = byType.get(item.data.type) ?? [];
    list.push(item);
    byType.set(item.data.type, list);
  }
  const lists = [...byType.values()];
  const ordered: Item<XstestData>[] = [];
  for (let index = 0; ordered.length < items.length; index += 1) {
    for (const list of lists) {
      const item = list[index];
      if (item) ordered.push(item);
    }
  }
  return ordered;
}
