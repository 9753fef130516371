import type {
  Item,
  ItemScore,
  LogLikelihoodProtocol,
  LogLikelihoodRequest,
  MetricSpec,
  ScoreContext,
} from '../../spec/index.ts';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { truthfulqaMc2Mass } from './truthfulqa-mc2-mass.ts';
import { formatLmEvalTruthfulqaContext, truthfulqaContinuations } from './truthfulqa-qa-primer.ts';

/** lm-eval reports MC2 as `acc`; here it is `mc2`, a mean of per-question probability masses in [0, 1]. */
export const truthfulqaMc2Metrics: readonly MetricSpec[] = [
  { name: 'mc2', itemScore: 'mc2', aggregate: 'mean', kind: 'graded' },
];

/**
 * lm-eval `truthfulqa_mc2` (tasks/truthfulqa/truthfulqa_mc2.yaml, including truthfulqa_mc1.yaml): the same
 * context as MC1, the log-likelihood of " " + each MC2 choice, scored by `process_results_mc2` — the normalised
 * probability mass on the true answers. It needs every choice's log-likelihood: an answer known only as the
 * chosen continuation (a samples file) is left unscored (null).
 */
export const truthfulqaMc2Loglik: LogLikelihoodProtocol<TruthfulqaData> = {
  kind: 'loglikelihood',
  id: 'truthfulqa.mc2.loglik.6shot',
  version: 1,
  benchmark: 'truthfulqa',
  description:
    'TruthfulQA MC2 by log-likelihood after the 6-pair QA primer (lm-eval truthfulqa_mc2), probability mass on true answers',
  metrics: truthfulqaMc2Metrics,
  buildLogLikelihoodRequest(item: Item<TruthfulqaData>): LogLikelihoodRequest {
    return {
      context: formatLmEvalTruthfulqaContext(item.data.question),
      continuations: truthfulqaContinuations(item.data.mc2.choices),
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
    const { choices, labels } = item.data.mc2;
    const logLikelihoods = context?.logLikelihoods;
    const chosen = truthfulqaContinuations(choices).indexOf(completion);
    const extracted = chosen >= 0 ? (choices[chosen] ?? null) : null;
    if (logLikelihoods === undefined || logLikelihoods.length !== choices.length) {
      return { scores: { mc2: null }, extracted };
    }
    return { scores: { mc2: truthfulqaMc2Mass(logLikelihoods, labels) }, extracted };
  },
  referenceCompletion(item: Item<TruthfulqaData>) {
    const index = item.data.mc2.labels.indexOf(1);
    return ` ${item.data.mc2.choices[index] ?? ''}`;
  },
};
