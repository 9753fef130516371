import type { Item, ItemScore, MetricSpec, Protocol } from '../../spec/index.ts';
import { simpleEvalsRequest } from '../simple-evals-sampler.ts';
import type { MgsmData } from './mgsm-data.ts';
import { mgsmAnswerPrefixes, mgsmInstructions } from './mgsm-instructions.ts';

/** MGSM: `accuracy` = the mean over the 11 languages of per-language accuracy (group = language). */
export const mgsmMetrics: readonly MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
];

/**
 * simple-evals `parse_answer`: the text after the LAST occurrence of the language's answer prefix, commas
 * removed, then the last number `\d+\.?\d*` (Python's `\d` takes any Unicode decimal digit, hence `\p{Nd}`)
 * without a trailing ".". Null when the prefix or a number is missing (upstream: "").
 */
export function parseMgsmAnswer(completion: string, answerPrefix: string): string | null {
  if (!completion.includes(answerPrefix)) return null;
  // Stryker disable next-line MethodExpression: the number pattern skips the surrounding whitespace anyway (upstream strips it)
  const answerText = (completion.split(answerPrefix).at(-1) ?? '').trim();
  const numbers = answerText.replaceAll(',', '').match(/\p{Nd}+\.?\p{Nd}*/gu);
  const last = numbers?.at(-1);
  if (last === undefined) return null;
  return last.endsWith('.') ? last.slice(0, -1) : last;
}

/** simple-evals `score_mgsm`: "18.00" counts as "18"; commas are ignored on both sides. */
export function mgsmAnswerMatches(options: { target: string; prediction: string }): boolean {
  let prediction = options.prediction;
  if (prediction.includes('.')) prediction = prediction.replace(/0+$/, '').replace(/\.+$/, '');
  return options.target.replaceAll(',', '') === prediction.replaceAll(',', '');
}

function mgsmCotProtocol(options: { greedy: boolean }): Protocol<MgsmData> {
  return {
    kind: 'generate',
    id: options.greedy ? 'mgsm.cot.0shot.greedy' : 'mgsm.cot.0shot',
    version: options.greedy ? 1 : 2,
    benchmark: 'mgsm',
    description: options.greedy
      ? 'MGSM 0-shot native-language chain of thought (simple-evals), greedy (parity variant), mean accuracy'
      : 'MGSM 0-shot native-language chain of thought (simple-evals, system message, temperature 0.5), mean accuracy',
    metrics: mgsmMetrics,
    buildRequest(item: Item<MgsmData>) {
      const prompt = mgsmInstructions[item.data.language].replace('{input}', () => item.data.question);
      return simpleEvalsRequest(prompt, options);
    },
    score(item: Item<MgsmData>, completion: string): ItemScore {
      const extracted = parseMgsmAnswer(completion, mgsmAnswerPrefixes[item.data.language]);
      // Stryker disable next-line StringLiteral: targets are numbers, so no stand-in text for a missing answer can match one
      const correct = mgsmAnswerMatches({ target: item.data.answer, prediction: extracted ?? '' });
      return { scores: { accuracy: correct ? 1 : 0 }, extracted };
    },
    referenceCompletion(item: Item<MgsmData>) {
      return `1 + 1 = 2.\n${mgsmAnswerPrefixes[item.data.language]}: ${item.data.answer}`;
    },
  };
}

/**
 * MGSM, 0-shot native-language chain of thought as openai/simple-evals `mgsm_eval.py` runs it: the system
 * message "You are a helpful assistant.", the language's own instruction and question as the user message, the
 * answer after the native prefix ("Antwort:", "答案:"…); temperature 0.5, at most 2,048 tokens.
 */
export const mgsmCot0shot: Protocol<MgsmData> = mgsmCotProtocol({ greedy: false });

/** `mgsm.cot.0shot` at temperature 0 (parity's named variant; everything else as upstream). */
export const mgsmCot0shotGreedy: Protocol<MgsmData> = mgsmCotProtocol({ greedy: true });
