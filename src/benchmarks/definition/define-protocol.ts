import type { ChatMessage, Item, ItemScore, MetricSpec, Protocol, ScoreContext } from '../../spec/index.ts';
import { fillTemplate } from '../../tasks/fill-template.ts';
import { templatedRequest } from '../../tasks/templated-request.ts';
import type { TaskPrompt } from '../../tasks/task-schema.ts';
import { extractors } from './extractors.ts';
import { scoreLoglikelihoodChoice } from './loglikelihood-choice.ts';
import { matchers } from './matchers.ts';
import {
  isMultipleChoiceData,
  multipleChoiceVariables,
  type LetteredChoice,
} from './multiple-choice-variables.ts';
import { promptTemplates } from './prompt-templates.ts';
import {
  parseDefinition,
  type DefinitionHooks,
  type ParsedDefinition,
  type ProtocolDefinition,
} from './protocol-definition.ts';
import { resolveStep } from './resolve-step.ts';
import { InputError } from '../../spec/index.ts';

// The protocol kinds of the tagged union (docs/decisions/0205): spread, so the object literal below stays valid
// both before and after `Protocol` carries `kind`.
const generateKind = { kind: 'generate' } as const;
const loglikelihoodKind = { kind: 'loglikelihood' } as const;

/** Default variables: the multiple-choice variables for {question, choices, answer} data, else its own fields. */
function defaultVariables(data: unknown): Readonly<Record<string, unknown>> {
  if (isMultipleChoiceData(data)) return multipleChoiceVariables(data);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { value: data };
}

function metricsOf(definition: ParsedDefinition, names: readonly string[]): MetricSpec[] {
  const aggregate = definition.aggregate ?? 'mean';
  return names.map((name) => ({ name, itemScore: name, aggregate, kind: 'proportion' }));
}

function common<TData>(definition: ParsedDefinition, hooks: DefinitionHooks<TData>) {
  const include = hooks.include;
  return {
    id: definition.id,
    version: definition.version,
    benchmark: definition.benchmark,
    ...(definition.former_ids === undefined ? {} : { formerIds: definition.former_ids }),
    description: definition.description,
    ...(include === undefined ? {} : { includesItem: (item: Item<TData>) => include(item.data) }),
  };
}

/** The worked examples as user/assistant turns, each filled with its row's variables. */
function fewShotMessages(
  fewShot: NonNullable<Extract<ParsedDefinition, { prompt: unknown }>['few_shot']>,
  rows: readonly unknown[] | undefined,
  where: string,
): ChatMessage[] {
  return (rows ?? fewShot.examples ?? []).flatMap((row, index): ChatMessage[] => {
    const variables = defaultVariables(row);
    const at = `${where}: example ${index + 1}`;
    return [
      { role: 'user', content: fillTemplate(fewShot.user, variables, at) },
      { role: 'assistant', content: fillTemplate(fewShot.assistant, variables, at) },
    ];
  });
}

/** A named template becomes a system/user prompt; others are used as written. */
function promptOf(
  prompt: Extract<ParsedDefinition, { prompt: unknown }>['prompt'],
  where: string,
): TaskPrompt {
  if (!('template' in prompt)) return prompt;
  const user = Object.hasOwn(promptTemplates, prompt.template) ? promptTemplates[prompt.template] : undefined;
  if (user === undefined) {
    throw new InputError(
      `prompt.template: unknown "${prompt.template}"; known: ${Object.keys(promptTemplates).join(', ')}`,
      { location: where },
    );
  }
  return prompt.system === undefined ? { user } : { system: prompt.system, user };
}

/**
 * Compiles a declarative single-turn definition (docs/adding-a-benchmark.md) into the `Protocol` the engine runs:
 * requests from the templates, scores from the named extractor and matcher (`accuracy`, 0 or 1), the reference
 * reply from its template. Log-likelihood definitions score `accuracy` and `accuracy_norm` over the choices.
 * A bad definition throws InputError naming the field.
 */
export function defineProtocol<TData>(definition: ProtocolDefinition<TData>): Protocol<TData> {
  const { variables: variablesHook, include, examples: examplesHook, ...data } = definition;
  const where = `benchmark definition ${typeof data.id === 'string' ? data.id : '?'}`;
  const parsed = parseDefinition(data, where);
  const variablesOf = (item: Item<TData>) => (variablesHook ?? defaultVariables)(item.data);
  const itemWhere = (item: Item<TData>) => `${parsed.id}: item ${item.id}`;
  const target = parsed.target ?? '{{answer}}';
  const hooks: DefinitionHooks<TData> = include === undefined ? {} : { include };

  if ('loglikelihood' in parsed) {
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
      ...common(parsed, hooks),
      metrics: metricsOf(parsed, ['accuracy', 'accuracy_norm']),
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

  const prompt = promptOf(parsed.prompt, where);
  const extract = resolveStep(parsed.extract, extractors, 'extract', where);
  const match = resolveStep(parsed.match ?? 'exact', matchers, 'match', where);
  const assistantPrefix = parsed.assistant_prefix;
  const fewShot = parsed.few_shot;
  return {
    ...generateKind,
    ...common(parsed, hooks),
    metrics: metricsOf(parsed, ['accuracy']),
    buildRequest(item: Item<TData>) {
      const where = itemWhere(item);
      const request = templatedRequest(prompt, parsed.generation, variablesOf(item), where);
      const shots = fewShot === undefined ? [] : fewShotMessages(fewShot, examplesHook?.(item.data), where);
      const messages =
        shots.length === 0
          ? request.messages
          : [
              ...request.messages.filter((message) => message.role === 'system'),
              ...shots,
              ...request.messages.filter((message) => message.role !== 'system'),
            ];
      return {
        ...request,
        messages,
        ...(assistantPrefix === undefined ? {} : { assistantPrefix }),
      };
    },
    score(item: Item<TData>, completion: string, context?: ScoreContext): ItemScore {
      const variables = variablesOf(item);
      const where = itemWhere(item);
      const extracted = extract(completion, {
        prefillApplied: context?.prefillApplied,
        variables,
        assistantPrefix,
        where,
      });
      const correct = extracted !== null && match(extracted, fillTemplate(target, variables, where));
      return { scores: { accuracy: correct ? 1 : 0 }, extracted };
    },
    referenceCompletion(item: Item<TData>) {
      return fillTemplate(parsed.reference, variablesOf(item), itemWhere(item));
    },
  };
}
