import { checkInstructions } from '../../scoring/ifeval/check-instructions.ts';
import type { Item, ItemScore, MetricSpec, Protocol } from '../../spec/index.ts';
import type { IfevalData } from './ifeval-data.ts';

/**
 * IFEval metrics (docs/cli.md): prompt level = share of prompts whose every instruction is followed; instruction
 * level = instructions followed / instructions given (a ratio over all 834 instructions), per instruction type as
 * groups. Item scores: `prompt_strict`, `prompt_loose` (0/1), `instruction_strict`, `instruction_loose` (counts
 * followed), `instructions` (count given), and the same three per type as `<score>/<instruction type>`.
 */
export const ifevalMetrics: readonly MetricSpec[] = [
  { name: 'prompt_strict', itemScore: 'prompt_strict', aggregate: 'mean', kind: 'proportion' },
  {
    name: 'instruction_strict',
    itemScore: 'instruction_strict',
    aggregate: 'mean',
    kind: 'proportion',
    denominator: 'instructions',
    groupsFromScoreKeys: true,
  },
  { name: 'prompt_loose', itemScore: 'prompt_loose', aggregate: 'mean', kind: 'proportion' },
  {
    name: 'instruction_loose',
    itemScore: 'instruction_loose',
    aggregate: 'mean',
    kind: 'proportion',
    denominator: 'instructions',
    groupsFromScoreKeys: true,
  },
];

/** Scores one response against the prompt's instructions, strict and loose (google-research `evaluation_lib.py`). */
export function scoreIfevalResponse(data: IfevalData, response: string): ItemScore {
  const strict = checkInstructions({ response, instructions: data.instructions, mode: 'strict' });
  // Stryker disable next-line StringLiteral: checkInstructions reads every mode but 'strict' as loose
  const loose = checkInstructions({ response, instructions: data.instructions, mode: 'loose' });
  const scores: Record<string, number> = {
    prompt_strict: strict.every(Boolean) ? 1 : 0,
    instruction_strict: strict.filter(Boolean).length,
    prompt_loose: loose.every(Boolean) ? 1 : 0,
    instruction_loose: loose.filter(Boolean).length,
    instructions: data.instructions.length,
  };
  data.instructions.forEach((instruction, index) => {
    const add = (key: string, value: number) => (scores[key] = (scores[key] ?? 0) + value);
    add(`instruction_strict/${instruction.id}`, strict[index] ? 1 : 0);
    add(`instruction_loose/${instruction.id}`, loose[index] ? 1 : 0);
    add(`instructions/${instruction.id}`, 1);
  });
  const failed = data.instructions.filter((_, index) => !strict[index]).map((instruction) => instruction.id);
  return {
    scores,
    extracted: failed.length === 0 ? 'all followed' : `not followed (strict): ${failed.join(', ')}`,
  };
}

/**
 * IFEval (Zhou et al. 2023), 0-shot: the prompt as one user message; greedy, at most 1280 tokens (lm-eval
 * `ifeval`). Scored by parity's port of the reference checker, strict and loose; docs/decisions/0031.
 */
export const ifeval0shot: Protocol<IfevalData> = {
  kind: 'generate',
  id: 'ifeval.0shot',
  // v2: language, sentence and capital-word checks run langdetect and NLTK Punkt as the reference does (0036).
  version: 2,
  benchmark: 'ifeval',
  description: 'IFEval 0-shot, reference checker rules, prompt and instruction level, strict and loose',
  metrics: ifevalMetrics,
  buildRequest(item: Item<IfevalData>) {
    return {
      messages: [{ role: 'user', content: item.data.prompt }],
      parameters: { temperature: 0, maxTokens: 1280 },
    };
  },
  score(item: Item<IfevalData>, completion: string): ItemScore {
    return scoreIfevalResponse(item.data, completion);
  },
  referenceCompletion() {
    // IFEval has no gold response: whether a response follows the instructions is all that is scored.
    return '';
  },
};
