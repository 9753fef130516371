import type { Item, ItemScore } from '../../spec/index.ts';
import { astChecker } from './ast-checker.ts';
import { categoryLanguage, type BfclData } from './bfcl-data.ts';
import type { DecodedCall } from './parse-py-literal.ts';
import { renderPythonCalls } from './render-calls.ts';

/** The item score key a category's result also counts under (BFCL's summary groups). */
function summaryKey(category: string): string {
  if (category === 'irrelevance') return 'irrelevance';
  return category.startsWith('live_') ? 'ast_live' : 'ast_non_live';
}

/**
 * Scores decoded calls the way BFCL's eval runner does: `irrelevance` is right when no call was decoded
 * (upstream eval_runner.py _evaluate_single_relevance_entry, utils.py is_empty_output); the AST categories are
 * right when the calls decode and pass the AST checker against the original (unprocessed) function docs.
 * `accuracy` is every item's 0/1; the same value also goes under `ast_non_live`, `ast_live` or `irrelevance`.
 */
export function bfclScoring(
  item: Item<BfclData>,
  calls: readonly DecodedCall[] | undefined,
  options: { underscoreToDot: boolean },
): ItemScore {
  const { data } = item;
  let correct: boolean;
  if (data.category === 'irrelevance') {
    correct = calls === undefined || calls.length === 0;
  } else {
    correct =
      calls !== undefined &&
      astChecker(data.category, data.functions, calls, data.groundTruth, {
        language: categoryLanguage(data.category),
        underscoreToDot: options.underscoreToDot,
      }).valid;
  }
  const score = correct ? 1 : 0;
  return {
    scores: { accuracy: score, [summaryKey(data.category)]: score },
    extracted: calls === undefined ? null : renderPythonCalls(calls),
  };
}
