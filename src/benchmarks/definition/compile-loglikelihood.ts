import type { Item, ItemScore, Protocol, ScoreContext } from '../../spec/index.ts';
import { fillTemplate } from '../../tasks/fill-template.ts';
import { commonFields, proportionMetrics, type CompileContext } from './compiled-common.ts';
import { scoreLoglikelihoodChoice } from './loglikelihood-choice.ts';
import type { LetteredChoice } from './multiple-choice-variables.ts';
import type { ParsedDefinition } from './protocol-definition.ts';

// The protocol kind of the tagged union (docs/decisions/0205): spread, so the object literal below stays valid
// both before and after `Protocol` carries `kind`.
const loglikelihoodKind = { kind: 'loglikelihood' } as const;

/**
 * A log-likelihood multiple-choice protocol (lm-eval `output_type: multiple_choice`): the context and one
 * continuation per choice; `accuracy` and `accuracy_norm`.
 */
export function compileLoglikelihood<TData>(
  parsed: Extract<ParsedDefinition, { loglikelihood: unknown }>,
  compile: CompileContext<TData>,
): Protocol<TData> {
  const { variablesOf, itemWhere, target } = compile;
  const continuationTemplate = parsed.loglikelihood.continuation ?? ' {{text}}';
  const expand = (item: Item<TData>) => {
    const variables = variablesOf(item);
    const choices = (Array.isArray(variables.choices) ? variables.choices : []) as LetteredChoice[];
    const fill = (template: string, extra: object = {}) =>
      fillTemplate(template, { ...variables, ...extra }, itemWhere(item));
    return {
      context: fill(parsed.loglikelihood.context),
      choices,
      continuations: choices.map((choice) => fill(continuationTemplate, choice)),
      gold: fill(target),
    };
  };
  return {
    ...loglikelihoodKind,
    ...commonFields(parsed, compile),
    metrics: proportionMetrics(parsed, ['accuracy', 'accuracy_norm']),
    buildLogLikelihoodRequest(item: Item<TData>) {
      const { context, continuations } = expand(item);
      return { context, continuations };
    },
    buildRequest(item: Item<TData>) {
      // The stored rendering of the log-likelihood request: the raw context as one message.
      return {
        messages: [{ role: 'user', content: expand(item).context }],
        parameters: { temperature: 0, maxTokens: 1 },
      };
    },
    score(item: Item<TData>, completion: string, context?: ScoreContext): ItemScore {
      return scoreLoglikelihoodChoice({
        ...expand(item),
        completion,
        logLikelihoods: context?.logLikelihoods,
      });
    },
    referenceCompletion(item: Item<TData>) {
      const { choices, continuations, gold } = expand(item);
      const index = choices.findIndex((choice) => choice.letter === gold);
      // Stryker disable next-line StringLiteral: the gold letter is one of the choices (loaders check it)
      return (
        continuations[index] ??
        fillTemplate(continuationTemplate, { ...variablesOf(item), letter: '', text: '' }, itemWhere(item))
      );
    },
  };
}
