import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
// The protocols load with this file, not inside its first test (`main` loads the registry lazily): otherwise
// Stryker counts every protocol's module-level code as covered by that one test alone, runs each such mutant
// against it only and reports it Survived, where `ignoreStatic` (scripts/mutate.mjs) means to leave it out.
import '../src/benchmarks/registry.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');
const solutionsFile = join(shared, 'gsm8k/example_model_solutions.jsonl');
const systems = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'] as const;

interface SolutionLine {
  readonly [system: string]: { solution: string; is_correct: boolean } | string;
}

describe.skipIf(!existsSync(solutionsFile))(
  'parity score gsm8k on the four GPT-3 systems of example_model_solutions.jsonl (skipped: ../shared/datasets not present)',
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-gsm8k-solutions-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    // The describe body runs even when skipped, so read only when the file is there.
    const lines = (existsSync(solutionsFile) ? readFileSync(solutionsFile, 'utf8') : '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as SolutionLine);

    // The samples format (docs/cli.md), one file holding all four systems; the line number is the item id.
    const samplesFile = join(directory, 'samples.jsonl');
    if (lines.length > 0)
      writeFileSync(
        samplesFile,
        lines
          .flatMap((line, index) =>
            systems.map((system) => {
              const entry = line[system] as { solution: string };
              return JSON.stringify({ id: String(index), model: system, completion: entry.solution });
            }),
          )
          .join('\n'),
      );

    it.each(systems)('agrees with every is_correct flag of %s', async (system) => {
      const io = captureIo({ cwd: directory });
      const code = await main(
        [
          'score',
          'gsm8k',
          '--samples',
          samplesFile,
          '--model',
          system,
          '--data-dir',
          shared,
          '--json',
          '--items',
        ],
        io,
      );
      expect(io.output.stderr).toBe('');
      expect(code).toBe(0);
      const report = JSON.parse(io.output.stdout) as {
        protocol: string;
        n: number;
        metrics: Record<string, { value: number; ci95: [number, number]; n: number }>;
        items: { id: string; score: number }[];
      };
      expect(report.protocol).toBe('gsm8k.cot.8shot');
      expect(report.n).toBe(1319);
      const expected = lines.map((line): number =>
        (line[system] as { is_correct: boolean }).is_correct ? 1 : 0,
      );
      const actual = report.items
        .slice()
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((item) => item.score);
      const disagreements = actual.flatMap((score, index) => (score === expected[index] ? [] : [index]));
      expect(disagreements).toEqual([]);
      const accuracy = expected.reduce((sum, value) => sum + value, 0) / expected.length;
      expect(report.metrics.accuracy_flexible?.value).toBeCloseTo(accuracy, 12);
      expect(report.metrics.accuracy_flexible?.ci95[0]).toBeLessThan(accuracy);
    });
  },
);
