import { SIMPLE_EVALS_MULTIPLE_CHOICE_TEMPLATE } from './simple-evals-multiple-choice.ts';

/**
 * Named user-message templates a definition can use instead of writing one out (`prompt: {template: name}`).
 * Each is a `{{var}}` template over the multiple-choice variables (multiple-choice-variables.ts).
 */
export const promptTemplates: Readonly<Record<string, string>> = {
  'simple-evals-multiple-choice': SIMPLE_EVALS_MULTIPLE_CHOICE_TEMPLATE,
};
