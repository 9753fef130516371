import type { MetricSpec } from '../../spec/index.ts';
import { lastNumberAfterPrefix, simpleEvalsNumberMatches } from '../../scoring/last-number-after-prefix.ts';
import { defineProtocol } from '../definition/define-protocol.ts';
import type { ProtocolDefinition } from '../definition/protocol-definition.ts';
import { SIMPLE_EVALS_PARAMETERS, SIMPLE_EVALS_SYSTEM_MESSAGE } from '../simple-evals-sampler.ts';
import type { MgsmData } from './mgsm-data.ts';
import { mgsmAnswerPrefixes, mgsmInstructions } from './mgsm-instructions.ts';

/**
 * simple-evals `parse_answer`: the text after the LAST occurrence of the language's answer prefix, commas
 * removed, then the last number; null when the prefix or a number is missing (src/scoring/last-number-after-prefix.ts).
 */
export const parseMgsmAnswer = lastNumberAfterPrefix;

/** simple-evals `score_mgsm`: "18.00" counts as "18"; commas are ignored on both sides. */
export const mgsmAnswerMatches = simpleEvalsNumberMatches;

/**
 * MGSM, 0-shot native-language chain of thought as openai/simple-evals `mgsm_eval.py` runs it: the system
 * message "You are a helpful assistant.", the language's own instruction with the question (`{input}`) as the
 * user message, the answer after the native prefix ("Antwort:", "答案:"…) read by `parse_answer` and compared
 * by `score_mgsm`; temperature 0.5, at most 2,048 tokens (the sampler's settings). `accuracy` = the mean over
 * the 11 languages of per-language accuracy (group = language).
 */
const mgsmCot: ProtocolDefinition<MgsmData> = {
  id: 'mgsm.cot.0shot',
  version: 2,
  benchmark: 'mgsm',
  description:
    'MGSM 0-shot native-language chain of thought (simple-evals, system message, temperature 0.5), mean accuracy',
  variables: (data) => ({
    ...data,
    // Upstream's template replaces `{input}` with the question (a function, so "$" in a question stays as is).
    prompt: mgsmInstructions[data.language].replace('{input}', () => data.question),
    answer_prefix: mgsmAnswerPrefixes[data.language],
  }),
  prompt: { system: SIMPLE_EVALS_SYSTEM_MESSAGE, user: '{{prompt}}' },
  generation: {
    temperature: SIMPLE_EVALS_PARAMETERS.temperature,
    max_tokens: SIMPLE_EVALS_PARAMETERS.maxTokens,
  },
  extract: { type: 'last-number-after-prefix', prefix: '{{answer_prefix}}' },
  match: 'simple-evals-number',
  aggregate: 'group-mean',
  reference: '1 + 1 = 2.\n{{answer_prefix}}: {{answer}}',
};

export const mgsmCot0shot = defineProtocol(mgsmCot);

/** `mgsm.cot.0shot` at temperature 0 (parity's named variant; everything else as upstream). */
export const mgsmCot0shotGreedy = defineProtocol<MgsmData>({
  ...mgsmCot,
  id: 'mgsm.cot.0shot.greedy',
  version: 1,
  description:
    'MGSM 0-shot native-language chain of thought (simple-evals), greedy (parity variant), mean accuracy',
  generation: { temperature: 0, max_tokens: SIMPLE_EVALS_PARAMETERS.maxTokens },
});

/** MGSM: `accuracy` = the mean over the 11 languages of per-language accuracy (group = language). */
export const mgsmMetrics: readonly MetricSpec[] = mgsmCot0shot.metrics;
