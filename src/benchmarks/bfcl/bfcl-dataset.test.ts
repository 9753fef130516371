import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeScores } from '../../evaluation/summarize-scores.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { astChecker } from './ast-checker.ts';
import { bfclCategories, categoryLanguage } from './bfcl-data.ts';
import { goldCalls } from './gold-calls.ts';
import { bfclNative } from './bfcl-native.ts';
import { bfclPrompt } from './bfcl-prompt.ts';
import { bfclBenchmark } from './index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared/datasets');

const counts: Readonly<Record<string, number>> = {
  simple_python: 400,
  simple_java: 100,
  simple_javascript: 50,
  multiple: 200,
  parallel: 200,
  parallel_multiple: 200,
  irrelevance: 240,
  live_simple: 258,
  live_multiple: 1053,
  live_parallel: 16,
  live_parallel_multiple: 24,
};

/**
 * Items no answer can pass under BFCL's AST checker (upstream's own checker rejects every call for them), each
 * with the reason (docs/decisions/0155-bfcl-ast-checker.md lists them).
 */
const unanswerable: Readonly<Record<string, string>> = {
  // ArrayList with items "any": elements stay strings ('"userID"', '42'), the answer has 42 and true.
  simple_java_36: 'value_error:list/tuple',
  simple_java_65: 'value_error:list/tuple',
  // Required array parameters whose list of acceptable values is empty.
  'live_simple_106-63-0': 'type_error:simple',
  'live_simple_112-68-0': 'type_error:simple',
  // The answer names a parameter the function does not have (journey_start_time of another function).
  'live_multiple_862-181-3': 'simple_function_checker:unexpected_param',
  // The answer gives "question" while the function requires "statement".
  'live_multiple_964-207-0': 'simple_function_checker:missing_required',
};

describe.skipIf(!existsSync(join(shared, 'bfcl/BFCL_v4_simple_python.json')))(
  'BFCL on the real data (skipped: ../shared/datasets/bfcl not present)',
  async () => {
    const items = existsSync(join(shared, 'bfcl'))
      ? await bfclBenchmark.loadItems(createDirectorySourceForTests(shared))
      : [];

    it('loads 2741 questions in 11 categories, round-robin over the categories', () => {
      expect(items).toHaveLength(2741);
      expect(items.slice(0, 3).map((item) => item.id)).toEqual([
        'simple_python_0',
        'simple_java_0',
        'simple_javascript_0',
      ]);
      for (const category of bfclCategories) {
        expect(
          items.filter((item) => item.group === category),
          category,
        ).toHaveLength(counts[category]!);
      }
    });

    for (const protocol of [bfclNative, bfclPrompt]) {
      it(`${protocol.id}: the gold calls score 100% on every category, but for the 6 items no answer can pass`, () => {
        const failures: string[] = [];
        const scored = items.map((item) => {
          const result = protocol.score(item, protocol.referenceCompletion(item));
          if (result.scores.accuracy !== 1) failures.push(item.id);
          return { itemId: item.id, group: item.group, scores: result.scores };
        });
        expect(failures.sort()).toEqual(Object.keys(unanswerable).sort());
        const answerable = scored.filter((entry) => unanswerable[entry.itemId] === undefined);
        const summary = summarizeScores(answerable, protocol.metrics);
        for (const name of ['accuracy', 'non_live_ast', 'live_ast', 'irrelevance']) {
          expect(summary.metrics[name]?.value, name).toBe(1);
        }
        for (const category of bfclCategories)
          expect(summary.groups[category]?.accuracy?.value, category).toBe(1);
      });
    }

    it('the unanswerable items fail for the reason upstream gives, whatever the answer', () => {
      for (const [id, errorType] of Object.entries(unanswerable)) {
        const item = items.find((candidate) => candidate.id === id)!;
        const calls = goldCalls(item.data);
        const check = astChecker(item.data.category, item.data.functions, calls, item.data.groundTruth, {
          language: categoryLanguage(item.data.category),
        });
        expect(check.valid ? 'valid' : check.errorType, id).toBe(errorType);
      }
    });
  },
);
