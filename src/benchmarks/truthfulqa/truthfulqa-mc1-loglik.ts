import type {
  Item,
  ItemScore,
  LogLikelihoodProtocol,
  LogLikelihoodRequest,
  MetricSpec,
  ScoreContext,
} from '../../spec/index.ts';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { formatLmEvalTruthfulqaContext, truthfulqaContinuations } from './truthfulqa-qa-primer.ts';

export const truthfulqaMc1Metrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
];

/** numpy `argmax`: the first index of the largest value. */
function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if (value > (values[best] ?? Number.NEGATIVE_INFINITY)) best = index;
  });
  return best;
}

/**
 * lm-eval `truthfulqa_mc1` (tasks/truthfulqa/truthfulqa_mc1.yaml): the QA primer and the question as raw text,
 * the log-likelihood of " " + each MC1 choice; right when the argmax is choice 0 (`doc_to_target: 0`, the one
 * true answer). With only the chosen continuation (a samples file, a reference completion) that decides.
 */
export const truthfulqaMc1Loglik: LogLikelihoodProtocol<TruthfulqaData> = {
  kind: 'loglikelihood',
  id: 'truthfulqa.mc1.loglik.6shot',
  version: 1,
  benchmark: 'truthfulqa',
  description:
    'TruthfulQA MC1 by log-likelihood after the 6-pair QA primer (lm-eval truthfulqa_mc1), accuracy',
  metrics: truthfulqaMc1Metrics,
  buildLogLikelihoodRequest(item: Item<TruthfulqaData>): LogLikelihoodRequest {
    return {
      context: formatLmEvalTruthfulqaContext(item.data.question),
      continuations: truthfulqaContinuations(item.data.mc1.choices),
    };
  },
  buildRequest(item: Item<TruthfulqaData>) {
    // The stored rendering of the log-likelihood request: the raw context as one message.
    return {
      messages: [{ role: 'user', content: formatLmEvalTruthfulqaContext(item.data.question) }],
      parameters: { temperature: 0, maxTokens: 1 },
    };
  },
  score(item: Item<TruthfulqaData>, completion: string, context?: ScoreContext): ItemScore {
    const { choices } = item.data.mc1;
    const logLikelihoods = context?.logLikelihoods;
    const chosen =
      logLikelihoods !== undefined && logLikelihoods.length === choices.length
        ? argmax(logLikelihoods)
        : truthfulqaContinuations(choices).indexOf(completion);
    return {
      scores: { accuracy: chosen === 0 ? 1 : 0 },
      extracted: chosen >= 0 ? (choices[chosen] ?? null) : null,
    };
  },
  referenceCompletion(item: Item<TruthfulqaData>) {
    return ` ${item.data.mc1.choices[0] ?? ''}`;
  },
};
