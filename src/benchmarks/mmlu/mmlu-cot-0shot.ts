import { extractMultipleChoiceAnswer } from '../../scoring/extract-multiple-choice-answer.ts';
import type { Item, ItemScore, Protocol } from '../../spec/index.ts';
import { formatSimpleEvalsMultipleChoice } from '../definition/simple-evals-multiple-choice.ts';
import { simpleEvalsRequest } from '../simple-evals-sampler.ts';
import type { MmluData, MmluExample } from './mmlu-data.ts';
import { mmluMetrics } from './mmlu-metrics.ts';

/** simple-evals `QUERY_TEMPLATE_MULTICHOICE` filled with one question (text verbatim, nothing trimmed). */
export function formatSimpleEvalsPrompt(example: MmluExample): string {
  return formatSimpleEvalsMultipleChoice(example);
}

function mmluCotProtocol(options: { greedy: boolean }): Protocol<MmluData> {
  return {
    kind: 'generate',
    id: options.greedy ? 'mmlu.cot.0shot.greedy' : 'mmlu.cot.0shot',
    version: options.greedy ? 1 : 2,
    benchmark: 'mmlu',
    description: options.greedy
      ? 'MMLU 0-shot chain of thought, simple-evals template and "Answer: X" extraction, greedy (parity variant)'
      : 'MMLU 0-shot chain of thought, simple-evals template, system message and temperature 0.5, "Answer: X"',
    metrics: mmluMetrics,
    buildRequest(item: Item<MmluData>) {
      return simpleEvalsRequest(formatSimpleEvalsPrompt(item.data), options);
    },
    score(item: Item<MmluData>, completion: string): ItemScore {
      const extracted = extractMultipleChoiceAnswer(completion);
      return { scores: { accuracy: extracted === item.data.answer ? 1 : 0 }, extracted };
    },
    referenceCompletion(item: Item<MmluData>) {
      return `Let's think step by step.\n\nAnswer: ${item.data.answer}`;
    },
  };
}

/**
 * openai/simple-evals MMLU (`mmlu_eval.py`), 0-shot chain of thought, as upstream runs it: the system message
 * "You are a helpful assistant.", the template as the user message, temperature 0.5, at most 2,048 tokens; the
 * letter is read with simple-evals' response normalisation and multilingual "Answer:" patterns, FIRST match
 * (see `extractMultipleChoiceAnswer`); score 1 when it equals the gold letter.
 */
// Stryker disable next-line ObjectLiteral: an absent greedy is false as well
export const mmluCot0shot: Protocol<MmluData> = mmluCotProtocol({ greedy: false });

/** `mmlu.cot.0shot` at temperature 0 (parity's named variant; everything else as upstream). */
export const mmluCot0shotGreedy: Protocol<MmluData> = mmluCotProtocol({ greedy: true });
