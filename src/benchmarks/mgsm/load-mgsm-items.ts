import { readFile } from 'node:fs/promises';
import { InputError } from '../../spec/index.ts';
import type { DatasetSource, Item, LoadOptions } from '../../spec/index.ts';
import type { MgsmData } from './mgsm-data.ts';
import { mgsmLanguages, type MgsmLanguage } from './mgsm-instructions.ts';

async function readLanguage(source: DatasetSource, language: MgsmLanguage): Promise<Item<MgsmData>[]> {
  const file = await source.resolveFile('mgsm', `mgsm_${language}.tsv`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read file: ${error instanceof Error ? error.message : String(error)}`, {
      location: file,
      cause: error,
    });
  }
  const items: Item<MgsmData>[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    // A plain tab split, as simple-evals (`line.strip().split("\t")`): no CSV quoting.
    const fields = line.split('\t');
    const [question, answer] = fields;
    if (fields.length !== 2 || question === undefined || answer === undefined || !/^[0-9,]+$/.test(answer)) {
      throw new InputError('expected "question<TAB>integer answer"', { location: `${file}:${index + 1}` });
    }
    items.push({ id: `${language}/${items.length}`, group: language, data: { language, question, answer } });
  });
  return items;
}

/**
 * Loads `mgsm/mgsm_<language>.tsv` for the 11 languages (250 rows each). Item id `<language>/<row>` (0-based
 * row), group = language. Order (what `limit` takes a prefix of): round-robin over the languages in
 * alphabetical order, so a small `--limit` covers every language.
 */
export async function loadMgsmItems(
  source: DatasetSource,
  options: LoadOptions = {},
): Promise<Item<MgsmData>[]> {
  const perLanguage: Item<MgsmData>[][] = [];
  for (const language of mgsmLanguages) perLanguage.push(await readLanguage(source, language));
  const items: Item<MgsmData>[] = [];
  const longest = Math.max(...perLanguage.map((list) => list.length));
  for (let row = 0; row < longest; row += 1) {
    for (const list of perLanguage) {
      const item = list[row];
      if (item) items.push(item);
    }
  }
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
