import type { z } from 'zod';
import type { JsonLine } from '../datasets/jsonl.ts';
import type { Item } from '../spec/index.ts';
import { addPromptKeys, readPromptKeyedSamples } from './ifeval/prompt-keyed-samples.ts';

/**
 * What a benchmark reads besides its dataset, so that commands ask the benchmark instead of testing its id
 * (docs/decisions/0220-cli-layout.md). Every field is optional: a benchmark without an entry reads samples files
 * as docs/cli.md JSON Lines and nothing else.
 */
export interface BenchmarkFiles {
  /** Reads a samples file that may also hold the benchmark's upstream response lines (IFEval's {prompt, response}). */
  readonly readSampleLines?: <T>(options: { file: string; schema: z.ZodType<T> }) => Promise<JsonLine<T>[]>;
  /** Files the items under the extra keys such lines use (IFEval: the prompt). */
  readonly indexItems?: (itemsById: Map<string, Item>) => void;
  /** `score --problem-file`: the items from an upstream problem file instead of the dataset (HumanEval). */
  readonly readProblemFile?: (path: string) => Promise<Item[]>;
  /** Samples hold every turn of a conversation and are judged turn by turn (MT-Bench: `score` reads them apart). */
  readonly multiTurnSamples?: boolean;
  /** Items are generated, not downloaded (longctx): loaders take the synthetic settings; runs get a length summary. */
  readonly generatedItems?: boolean;
}

const files: Readonly<Record<string, BenchmarkFiles>> = {
  ifeval: { readSampleLines: readPromptKeyedSamples, indexItems: addPromptKeys },
  // Imported when read: HumanEval's loader (zod, zlib) is not compiled by every `parity eval` (docs/decisions/0320).
  humaneval: {
    readProblemFile: async (path) =>
      (await import('./humaneval/load-humaneval-items.ts')).readHumanEvalProblems(path),
  },
  mtbench: { multiTurnSamples: true },
  longctx: { generatedItems: true },
};

/** The extra files of a benchmark (an empty entry for most). */
export function benchmarkFiles(benchmarkId: string): BenchmarkFiles {
  return files[benchmarkId] ?? {};
}
