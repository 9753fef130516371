import type { Item, ItemScore, LogLikelihoodProtocol, LogLikelihoodRequest } from '../../spec/index.ts';
import type { ChineseExamData } from '../chinese-exam/chinese-exam-data.ts';
import { examContinuations, formatLmEvalExamContext } from '../chinese-exam/lm-eval-exam-context.ts';
import { cmmluChineseName, cmmluItemScores, cmmluMetrics } from './cmmlu-metrics.ts';

/**
 * lm-eval's CMMLU prompt with `--num_fewshot 5`: the subject's description (tasks/cmmlu/cmmlu_<subject>.yaml,
 * written by _generate_configs.py line 115), the 5 dev examples, the test question.
 */
export function formatLmEvalCmmluContext(data: ChineseExamData): string {
  const description = `以下是关于${cmmluChineseName(data.subject)}的单项选择题，请直接给出正确答案的选项。\n\n`;
  return formatLmEvalExamContext(description, data.devExamples, data);
}

/**
 * lm-eval `cmmlu` (tasks/cmmlu/_default_template_yaml) run 5-shot: raw text, log-likelihood of " A" … " D"
 * after "答案："; the argmax (first on a tie) against the gold letter (`acc`; `acc_norm` is the same figure, every
 * choice being one character). Needs an endpoint that returns log-likelihoods.
 */
export const cmmluLoglik5shot: LogLikelihoodProtocol<ChineseExamData> = {
  kind: 'loglikelihood',
  id: 'cmmlu.loglik.5shot',
  version: 1,
  benchmark: 'cmmlu',
  description: 'CMMLU 5-shot log-likelihood of " A".." D" after "答案：" (lm-eval cmmlu), argmax accuracy',
  metrics: cmmluMetrics,
  buildLogLikelihoodRequest(item: Item<ChineseExamData>): LogLikelihoodRequest {
    return { context: formatLmEvalCmmluContext(item.data), continuations: examContinuations };
  },
  buildRequest(item: Item<ChineseExamData>) {
    // The stored rendering of the log-likelihood request: the raw context as one message.
    return {
      messages: [{ role: 'user', content: formatLmEvalCmmluContext(item.data) }],
      parameters: { temperature: 0, maxTokens: 1 },
    };
  },
  score(item: Item<ChineseExamData>, completion: string): ItemScore {
    const extracted = completion.trim();
    return {
      scores: cmmluItemScores(item.data.subject, extracted === item.data.answer),
      extracted: extracted === '' ? null : extracted,
    };
  },
  referenceCompletion(item: Item<ChineseExamData>) {
    return ` ${item.data.answer}`;
  },
};
