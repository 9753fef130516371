import { isMultipleChoiceData, multipleChoiceVariables } from './multiple-choice-variables.ts';

/** An item's template variables when the definition has no `variables` hook: the multiple-choice variables for {question, choices, answer} data, else its own fields. */
export function defaultVariables(data: unknown): Readonly<Record<string, unknown>> {
  if (isMultipleChoiceData(data)) return multipleChoiceVariables(data);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { value: data };
}
