import type { ItemScore } from '../../spec/index.ts';
import type { LetteredChoice } from './multiple-choice-variables.ts';

/** Python `len(str)`: code points, not UTF-16 units. */
function characterCount(text: string): number {
  return [...text].length;
}

/** numpy `argmax`: the first index of the largest value. */
function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if (value > (values[best] ?? Number.NEGATIVE_INFINITY)) best = index;
  });
  return best;
}

/**
 * lm-eval `ConfigurableTask.process_results` for `multiple_choice` (lm_eval/api/task.py): `acc` compares the
 * argmax of the log-likelihoods with the gold index; `acc_norm` the argmax of each log-likelihood divided by its
 * choice's length in characters (`len(choice)`, the choice text without the " " target delimiter).
 */
export function loglikelihoodPredictions(
  choices: readonly LetteredChoice[],
  logLikelihoods: readonly number[],
): { predicted: number; predictedNorm: number } {
  const normalised = logLikelihoods.map(
    // Stryker disable next-line OptionalChaining,StringLiteral: one log-likelihood per choice, so every index has a choice
    (value, index) => value / characterCount(choices[index]?.text ?? ''),
  );
  return { predicted: argmax(logLikelihoods), predictedNorm: argmax(normalised) };
}

/**
 * `accuracy` and `accuracy_norm` of one item. With one log-likelihood per choice (a run) both come from them;
 * otherwise (a samples file, a reference completion) the choice whose continuation is the completion is the
 * prediction of both.
 */
export function scoreLoglikelihoodChoice(options: {
  choices: readonly LetteredChoice[];
  continuations: readonly string[];
  gold: string;
  completion: string;
  logLikelihoods: readonly number[] | undefined;
}): ItemScore {
  const { choices, continuations, logLikelihoods } = options;
  const gold = choices.findIndex((choice) => choice.letter === options.gold);
  if (logLikelihoods !== undefined && logLikelihoods.length === choices.length) {
    const { predicted, predictedNorm } = loglikelihoodPredictions(choices, logLikelihoods);
    return {
      scores: { accuracy: predicted === gold ? 1 : 0, accuracy_norm: predictedNorm === gold ? 1 : 0 },
      // Stryker disable next-line OptionalChaining: argmax of one value per choice is a choice's index
      extracted: choices[predicted]?.letter ?? null,
    };
  }
  const chosen = continuations.indexOf(options.completion);
  // Stryker disable next-line ConditionalExpression: the gold letter is one of the choices, so chosen === gold implies chosen ≥ 0
  const correct = chosen >= 0 && chosen === gold ? 1 : 0;
  return {
    scores: { accuracy: correct, accuracy_norm: correct },
    // Stryker disable next-line ConditionalExpression,OptionalChaining: choices[-1] is undefined, which ?? turns into null as well
    extracted: chosen >= 0 ? (choices[chosen]?.letter ?? null) : null,
  };
}
