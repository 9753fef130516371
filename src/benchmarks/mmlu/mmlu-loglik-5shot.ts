import type { Item, ItemScore, LogLikelihoodProtocol, LogLikelihoodRequest } from '../../spec/index.ts';
import { mmluLetters, type MmluData, type MmluExample } from './mmlu-data.ts';
import { mmluMetrics } from './mmlu-metrics.ts';

/** lm-eval `tasks/mmlu/default` `doc_to_text`: question stripped, choices verbatim, ending in "Answer:". */
export function formatLmEvalMmluQuestion(example: MmluExample): string {
  const [choiceA, choiceB, choiceC, choiceD] = example.choices;
  return `${example.question.trim()}\nA. ${choiceA}\nB. ${choiceB}\nC. ${choiceC}\nD. ${choiceD}\nAnswer:`;
}

/**
 * The whole lm-eval prompt: the subject description, the 5 dev examples (first_n) each followed by
 * " <letter>", joined and followed by the test question with "\n\n" (fewshot_delimiter).
 */
export function formatLmEvalMmluContext(data: MmluData): string {
  const description = `The following are multiple choice questions (with answers) about ${data.subject.replaceAll('_', ' ')}.\n\n`;
  const shots = data.devExamples.map((example) => `${formatLmEvalMmluQuestion(example)} ${example.answer}`);
  return description + [...shots, formatLmEvalMmluQuestion(data)].join('\n\n');
}

/** Scored continuations: target_delimiter " " + each choice letter. */
export const mmluContinuations: readonly string[] = mmluLetters.map((letter) => ` ${letter}`);

/**
 * lm-eval's default MMLU (docs/protocols.md): 5-shot, raw text (no chat template), log-likelihood of " A" …
 * " D" after "Answer:"; the prediction is the argmax (first on a tie) and `acc` compares it with the gold
 * letter. Needs an endpoint that returns log-likelihoods (`/v1/completions` with echo + logprobs, or `local:`).
 */
export const mmluLoglik5shot: LogLikelihoodProtocol<MmluData> = {
  kind: 'loglikelihood',
  id: 'mmlu.loglik.5shot',
  version: 1,
  benchmark: 'mmlu',
  description: 'MMLU 5-shot log-likelihood of " A".." D" (lm-eval default template), argmax accuracy',
  metrics: mmluMetrics,
  buildLogLikelihoodRequest(item: Item<MmluData>): LogLikelihoodRequest {
    return { context: formatLmEvalMmluContext(item.data), continuations: mmluContinuations };
  },
  buildRequest(item: Item<MmluData>) {
    // The stored rendering of the log-likelihood request: the raw context as one message.
    return {
      messages: [{ role: 'user', content: formatLmEvalMmluContext(item.data) }],
      parameters: { temperature: 0, maxTokens: 1 },
    };
  },
  score(item: Item<MmluData>, completion: string): ItemScore {
    const extracted = completion.trim();
    return {
      scores: { accuracy: extracted === item.data.answer ? 1 : 0 },
      extracted: extracted === '' ? null : extracted,
    };
  },
  referenceCompletion(item: Item<MmluData>) {
    return ` ${item.data.answer}`;
  },
};
