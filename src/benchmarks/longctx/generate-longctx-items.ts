import { InputError } from '../../spec/index.ts';
import type { Item, LoadOptions } from '../../spec/index.ts';
import { generateLongctxSample, longctxItemId } from './generate-longctx-sample.ts';
import { longctxTasks, type LongctxData, type LongctxSpec } from './longctx-data.ts';
import { longctxDefaults } from './longctx-defaults.ts';

/** The smallest length that leaves room for a template, needles and the answer. */
export const minimumLongctxLength = 256;

function checked(name: string, values: readonly number[], test: (value: number) => boolean, rule: string) {
  const bad = values.find((value) => !test(value));
  if (bad !== undefined) throw new InputError(`${bad} is not ${rule}`, { location: name });
  if (values.length === 0) throw new InputError('give at least one value', { location: name });
  return values;
}

/**
 * Every item for the options: lengths ascending, then sample index, depth and task, so `--limit N` keeps the
 * shortest lengths with every task and depth. Ids are `<task>/<tokens>/d<depth>/<index>`; the group is the length.
 */
export function generateLongctxItems(options: LoadOptions = {}): Item<LongctxData>[] {
  const synthetic = options.synthetic ?? {};
  const seed = synthetic.seed ?? longctxDefaults.seed;
  const lengths = checked(
    '--lengths',
    [...(synthetic.lengths ?? longctxDefaults.lengths)].sort((a, b) => a - b),
    (value) => Number.isInteger(value) && value >= minimumLongctxLength,
    `a whole number of tokens ≥ ${minimumLongctxLength}`,
  );
  const depths = checked(
    '--depths',
    synthetic.depths ?? longctxDefaults.depths,
    (value) => Number.isInteger(value) && value >= 0 && value <= 100,
    'a whole percentage from 0 to 100',
  );
  const samples = synthetic.samples ?? longctxDefaults.samples;
  const charsPerToken = synthetic.charsPerToken ?? longctxDefaults.charsPerToken;
  if (!(charsPerToken > 0))
    throw new InputError(`${charsPerToken} is not above 0`, { location: '--chars-per-token' });
  const items: Item<LongctxData>[] = [];
  for (const tokens of lengths) {
    for (let index = 0; index < samples; index += 1) {
      for (const depth of depths) {
        for (const task of longctxTasks) {
          const spec: LongctxSpec = { task, tokens, depth, index, seed, charsPerToken };
          const sample = generateLongctxSample(spec);
          items.push({
            id: longctxItemId(spec),
            group: String(tokens),
            data: { ...spec, query: sample.query, answers: sample.answers },
          });
        }
      }
    }
  }
  return options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit));
}
