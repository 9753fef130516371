import type { Item, ItemScore, LogLikelihoodProtocol, LogLikelihoodRequest } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { examContinuations, formatLmEvalExamContext } from '../chinese-exam/lm-eval-exam-context.ts';
import { cevalChineseName, cevalItemScores, cevalMetrics } from './ceval-metrics.ts';

/**
 * lm-eval's C-Eval prompt with `--num_fewshot 5`: the subject's description (tasks/ceval/ceval-valid_<subject>.yaml,
 * written by _generate_configs.py line 100), the 5 dev examples, the validation question.
 */
export function formatLmEvalCevalContext(data: ChineseExamData): string {
  const description = `以下是中国关于${cevalChineseName(data.subject)}的单项选择题，请选出其中的正确答案。\n\n`;
  return formatLmEvalExamContext(description, data.devExamples, data);
}

/**
 * lm-eval `ceval-valid` (tasks/ceval/_default_ceval_yaml) run 5-shot: raw text, log-likelihood of " A" … " D"
 * after "答案："; the argmax (first on a tie) against the gold letter (`acc`; `acc_norm` is the same figure, every
 * choice being one character). Needs an endpoint that returns log-likelihoods.
 */
export const cevalLoglik5shot: LogLikelihoodProtocol<ChineseExamData> = {
  kind: 'loglikelihood',
  id: 'ceval.loglik.5shot',
  version: 1,
  benchmark: 'ceval',
  description: 'C-Eval (validation) 5-shot log-likelihood of " A".." D" after "答案：" (lm-eval ceval-valid)',
  metrics: cevalMetrics,
  buildLogLikelihoodRequest(item: Item<ChineseExamData>): LogLikelihoodRequest {
    return { context: formatLmEvalCevalContext(item.data), continuations: examContinuations };
  },
  buildRequest(item: Item<ChineseExamData>) {
    // The stored rendering of the log-likelihood request: the raw context as one message.
    return {
      messages: [{ role: 'user', content: formatLmEvalCevalContext(item.data) }],
      parameters: { temperature: 0, maxTokens: 1 },
    };
  },
  score(item: Item<ChineseExamData>, completion: string): ItemScore {
    const extracted = completion.trim();
    return {
      scores: cevalItemScores(item.data.subject, extracted === item.data.answer),
      extracted: extracted === '' ? null : extracted,
    };
  },
  referenceCompletion(item: Item<ChineseExamData>) {
    return ` ${item.data.answer}`;
  },
};
