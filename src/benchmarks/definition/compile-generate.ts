import type { ChatMessage, Item, ItemScore, Protocol, ScoreContext } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';
import { fillTemplate } from '../../tasks/fill-template.ts';
import type { TaskPrompt } from '../../tasks/task-schema.ts';
import { templatedRequest } from '../../tasks/templated-request.ts';
import { commonFields, proportionMetrics, type CompileContext } from './compiled-common.ts';
import { defaultVariables } from './default-variables.ts';
import { extractors } from './extractors.ts';
import { matchers } from './matchers.ts';
import { promptTemplates } from './prompt-templates.ts';
import type { ParsedDefinition } from './protocol-definition.ts';
import { resolveStep } from './resolve-step.ts';

type GenerateDefinition = Extract<ParsedDefinition, { prompt: unknown }>;

// The protocol kind of the tagged union (docs/decisions/0205): spread, so the object literal below stays valid
// both before and after `Protocol` carries `kind`.
const generateKind = { kind: 'generate' } as const;

/** The worked examples as user/assistant turns, each filled with its row's variables. */
function fewShotMessages(
  fewShot: NonNullable<GenerateDefinition['few_shot']>,
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
function promptOf(prompt: GenerateDefinition['prompt'], where: string): TaskPrompt {
  if (!('template' in prompt)) return prompt;
  const user = Object.hasOwn(promptTemplates, prompt.template) ? promptTemplates[prompt.template] : undefined;
  if (user === undefined) {
    throw new InputError(
      // Stryker disable next-line StringLiteral: one template today, so the separator is never shown
      `prompt.template: unknown "${prompt.template}"; known: ${Object.keys(promptTemplates).join(', ')}`,
      { location: where },
    );
  }
  // Stryker disable next-line ConditionalExpression: templatedRequest sends no system message for system: undefined
  return prompt.system === undefined ? { user } : { system: prompt.system, user };
}

/**
 * A generate protocol: the templated request (few-shot turns, assistant prefix), `accuracy` 1 when the named
 * extractor's answer matches the target by the named matcher, the reference reply from its template.
 */
export function compileGenerate<TData>(
  parsed: GenerateDefinition,
  compile: CompileContext<TData>,
): Protocol<TData> {
  const { where, variablesOf, itemWhere, target, examples: examplesHook } = compile;
  const prompt = promptOf(parsed.prompt, where);
  const extract = resolveStep(parsed.extract, extractors, 'extract', where);
  const match = resolveStep(parsed.match ?? 'exact', matchers, 'match', where);
  const assistantPrefix = parsed.assistant_prefix;
  const fewShot = parsed.few_shot;
  return {
    ...generateKind,
    ...commonFields(parsed, compile),
    metrics: proportionMetrics(parsed, ['accuracy']),
    buildRequest(item: Item<TData>) {
      const where = itemWhere(item);
      const request = templatedRequest(prompt, parsed.generation, variablesOf(item), where);
      const shots = fewShot === undefined ? [] : fewShotMessages(fewShot, examplesHook?.(item.data), where);
      const messages =
        // Stryker disable next-line ConditionalExpression: templatedRequest puts the system message first, so reordering with no shots changes nothing
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
