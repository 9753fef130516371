import type {
  Item,
  ItemScore,
  LogLikelihoodProtocol,
  LogLikelihoodRequest,
  MetricSpec,
  ScoreContext,
} from '../../spec/index.ts';
import type { ArcData } from './arc-data.ts';

/** lm-eval `acc` and `acc_norm`, headline first (lm-eval's `metric_list` order). */
export const arcLoglikMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
  { name: 'accuracy_norm', itemScore: 'accuracy_norm', aggregate: 'mean', kind: 'proportion' },
];

/** lm-eval `arc_easy.yaml` `doc_to_text` (question verbatim, not stripped). */
export function formatLmEvalArcContext(data: ArcData): string {
  return `Question: ${data.question}\nAnswer:`;
}

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
 * argmax of the log-likelihoods with the gold index; `acc_norm` the argmax of each log-likelihood divided by
 * its choice's length in characters (`len(choice)`, the choice text without the " " target delimiter).
 */
export function arcLoglikPredictions(
  data: ArcData,
  logLikelihoods: readonly number[],
): { predicted: number; predictedNorm: number } {
  const normalised = logLikelihoods.map(
    // Stryker disable next-line OptionalChaining,StringLiteral: one log-likelihood per choice, so every index has a choice
    (value, index) => value / characterCount(data.choices[index]?.text ?? ''),
  );
  return { predicted: argmax(logLikelihoods), predictedNorm: argmax(normalised) };
}

/**
 * lm-eval `arc_challenge` (tasks/arc/arc_challenge.yaml, including arc_easy.yaml): 0-shot, raw text (no chat
 * template), the log-likelihood of " " + each choice's text after "Question: …\nAnswer:"; `accuracy` = lm-eval
 * `acc`, `accuracy_norm` = `acc_norm`. Every choice is scored, three- and five-choice questions included.
 * With the log-likelihoods (a run) both metrics come from them; with only a chosen continuation (a samples
 * file, a reference completion) that continuation is the prediction of both.
 */
export const arcLoglik0shot: LogLikelihoodProtocol<ArcData> = {
  kind: 'loglikelihood',
  id: 'arc.loglik.0shot',
  version: 1,
  benchmark: 'arc',
  description: 'ARC-Challenge 0-shot log-likelihood of each choice (lm-eval arc_challenge), acc and acc_norm',
  metrics: arcLoglikMetrics,
  buildLogLikelihoodRequest(item: Item<ArcData>): LogLikelihoodRequest {
    return {
      context: formatLmEvalArcContext(item.data),
      continuations: item.data.choices.map((choice) => ` ${choice.text}`),
    };
  },
  buildRequest(item: Item<ArcData>) {
    // The stored rendering of the log-likelihood request: the raw context as one message.
    return {
      messages: [{ role: 'user', content: formatLmEvalArcContext(item.data) }],
      parameters: { temperature: 0, maxTokens: 1 },
    };
  },
  score(item: Item<ArcData>, completion: string, context?: ScoreContext): ItemScore {
    const { choices, answer } = item.data;
    const gold = choices.findIndex((choice) => choice.letter === answer);
    const logLikelihoods = context?.logLikelihoods;
    if (logLikelihoods !== undefined && logLikelihoods.length === choices.length) {
      const { predicted, predictedNorm } = arcLoglikPredictions(item.data, logLikelihoods);
      return {
        scores: { accuracy: predicted === gold ? 1 : 0, accuracy_norm: predictedNorm === gold ? 1 : 0 },
        // Stryker disable next-line OptionalChaining: argmax of one value per choice is a choice's index
        extracted: choices[predicted]?.letter ?? null,
      };
    }
    const chosen = choices.findIndex((choice) => ` ${choice.text}` === completion);
    // Stryker disable next-line ConditionalExpression: the gold letter is one of the choices (loadArcItems checks it), so chosen === gold implies chosen ≥ 0
    const correct = chosen >= 0 && chosen === gold ? 1 : 0;
    return {
      scores: { accuracy: correct, accuracy_norm: correct },
      // Stryker disable next-line ConditionalExpression,OptionalChaining: choices[-1] is undefined, which ?? turns into null as well
      extracted: chosen >= 0 ? (choices[chosen]?.letter ?? null) : null,
    };
  },
  referenceCompletion(item: Item<ArcData>) {
    const gold = item.data.choices.find((choice) => choice.letter === item.data.answer);
    // Stryker disable next-line OptionalChaining,StringLiteral: the gold letter is one of the choices (loadArcItems checks it)
    return ` ${gold?.text ?? ''}`;
  },
};
