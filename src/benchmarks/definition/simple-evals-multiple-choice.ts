import { multipleChoiceVariables, type MultipleChoiceData } from './multiple-choice-variables.ts';
import { fillTemplate } from '../../tasks/fill-template.ts';

/**
 * openai/simple-evals `QUERY_TEMPLATE_MULTICHOICE` (common.py) as a `{{var}}` template, the one copy in parity:
 * MMLU's chain of thought, ARC's and TruthfulQA's parity protocols use it. Upstream writes "one of ABCD"; here
 * `{{letters}}` are the item's letters (ABCD for four choices), and `{{choice_list}}` shows them as "A) text".
 */
export const SIMPLE_EVALS_MULTIPLE_CHOICE_TEMPLATE =
  "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of {{letters}}. Think step by step before answering.\n\n" +
  '{{question}}\n\n' +
  '{{choice_list}}';

/** simple-evals' multiple-choice prompt for one question (text verbatim, nothing trimmed). */
export function formatSimpleEvalsMultipleChoice(data: MultipleChoiceData): string {
  return fillTemplate(
    SIMPLE_EVALS_MULTIPLE_CHOICE_TEMPLATE,
    multipleChoiceVariables(data),
    'simple-evals template',
  );
}
