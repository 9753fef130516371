import type { ExecuteProtocol, Item } from '../../spec/index.ts';
import {
  passAtOneMetrics,
  passedScore,
  scoreProgram,
  unexecutedScore,
} from '../../scoring/execution-score.ts';
import { humanEvalStops } from './humaneval-base.ts';
import type { HumanEvalData } from './humaneval-data.ts';

const fence = '```';

/** A whole fenced block: an opening fence with an optional language, the code, a closing fence. */
const fencedBlock = /```[A-Za-z0-9_+-]*[^\S\n]*\n([\s\S]*?)```/;

function cutAt(text: string, marker: string): string {
  const index = text.indexOf(marker);
  return index === -1 ? text : text.slice(0, index);
}

/**
 * The code to append after the prompt, from a humaneval.instruct reply.
 * - Prefilled (the reply continues "Here is the completed function:\n```python\n{prompt}\n"): lm-eval
 *   `build_predictions_instruct` — cut at the first ``` — after cutting at the first Codex stop sequence, which
 *   lm-eval's request carries (parity's request does not, so that whole replies keep their code blocks).
 * - Not prefilled, or unknown (`parity score`) with a whole fenced block: that block's code after a newline
 *   (a redefinition of the function simply replaces the prompt's stub).
 * - Otherwise the text cut at the first ```.
 */
export function extractInstructCode(completion: string, prefillApplied: boolean | undefined): string {
  if (prefillApplied === true) {
    let code = completion;
    for (const stop of humanEvalStops) code = cutAt(code, stop);
    return cutAt(code, fence);
  }
  const block = fencedBlock.exec(completion);
  if (block?.[1] !== undefined) return `\n${block[1]}`;
  return cutAt(completion, fence);
}

/**
 * lm-eval `humaneval_instruct`: the user asks for a solution with the prompt in a code block; the assistant
 * reply is prefilled with "Here is the completed function:\n```python\n{prompt}\n" where the provider can;
 * 1024 tokens, greedy; see `extractInstructCode` for the reply's code.
 */
export const humanEvalInstruct: ExecuteProtocol<HumanEvalData> = {
  kind: 'execute',
  id: 'humaneval.instruct',
  version: 1,
  benchmark: 'humaneval',
  description:
    'HumanEval for chat models (lm-eval humaneval_instruct, prefilled reply, code-block extraction)',
  metrics: passAtOneMetrics,
  passAtK: { itemScore: passedScore },
  buildRequest(item: Item<HumanEvalData>) {
    return {
      messages: [
        {
          role: 'user',
          content: `Write a solution to the following problem and make sure that it passes the tests:\n${fence}python\n${item.data.prompt}\n${fence}\n`,
        },
      ],
      parameters: { temperature: 0, maxTokens: 1024 },
      assistantPrefix: `Here is the completed function:\n${fence}python\n${item.data.prompt}\n`,
    };
  },
  score(_item: Item<HumanEvalData>, completion: string, context) {
    return unexecutedScore(extractInstructCode(completion, context?.prefillApplied));
  },
  scoreAsync(item: Item<HumanEvalData>, completion: string, context) {
    const code = extractInstructCode(completion, context.prefillApplied);
    return scoreProgram(
      context.executor,
      `${item.data.prompt}${code}\n${item.data.test}\ncheck(${item.data.entryPoint})`,
    );
  },
  referenceCompletion(item: Item<HumanEvalData>) {
    return `${item.data.canonicalSolution}\n${fence}`;
  },
};
