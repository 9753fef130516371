import type { ExecuteProtocol, Item } from '../../spec/index.ts';
import {
  passAtOneMetrics,
  passedScore,
  scoreProgram,
  unexecutedScore,
} from '../../scoring/execution-score.ts';
import type { MbppData } from './mbpp-data.ts';
import { mbppFewShot } from './mbpp-fewshot.ts';

/** lm-eval mbpp `doc_to_text`: the task, its three asserts, then "[BEGIN]". */
export function mbppTaskText(task: { text: string; testList: readonly string[] }): string {
  const tests = task.testList.slice(0, 3).join('\n');
  return `You are an expert Python programmer, and here is your task: ${task.text} Your code should pass these tests:\n\n${tests}\n[BEGIN]\n`;
}

/** Shots as lm-eval renders them: text + code + "\n[DONE]", joined and followed by the fewshot delimiter "\n\n". */
const fewShotPrefix = mbppFewShot.map((shot) => `${mbppTaskText(shot)}${shot.code}\n[DONE]\n\n`).join('');

/**
 * `mbpp.parity.3shot.extract` (parity's own): lm-eval `extract_code_blocks` (mbpp_instruct's filter): the first ``` block of "```" + completion (the prefix stands for an opening
 * fence that instruct variants prefill), else the same with "```python" reduced to "```", else the whole
 * completion (upstream: the empty string); always preceded by "from __future__ import annotations\n" (not
 * upstream). Upstream quirk kept: a completion that itself starts with "```python" yields an empty first match.
 */
export function extractMbppCode(completion: string): string {
  const header = 'from __future__ import annotations\n';
  const pattern = /```(?:\w+)?\n?([\s\S]*?)\n?```/;
  const first = pattern.exec(`\`\`\`${completion}`);
  if (first?.[1] !== undefined) return header + first[1];
  // Kept as upstream writes it, but never reached: the first try matches whenever the completion holds a fence,
  // and this one needs a fence too.
  // Stryker disable next-line StringLiteral: unreachable (see above)
  const second = pattern.exec(completion.replaceAll('```python', '```'));
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: unreachable (see above)
  if (second?.[1] !== undefined) return header + second[1];
  return header + completion;
}

/**
 * The program lm-eval `mbpp` runs (HF evaluate `code_eval`: prediction + "\n" + reference, the reference being
 * the three asserts joined by "\n"): the raw completion, then the asserts. No setup code, so task 367 cannot pass.
 */
export function lmEvalMbppProgram(data: MbppData, completion: string): string {
  return `${completion}\n${data.testList.join('\n')}`;
}

/**
 * The program `mbpp.parity.3shot.extract` runs: the code, the task's setup code (upstream MBPP data; lm-eval leaves it
 * out, which makes task 367 unsolvable), then its asserts (not `challenge_test_list`, as in lm-eval and the paper).
 */
export function mbppProgram(data: MbppData, code: string): string {
  const setup = data.testSetupCode.trim() === '' ? '' : `${data.testSetupCode}\n`;
  return `${code}\n${setup}${data.testList.join('\n')}`;
}

/** The request of both 3-shot protocols. */
function threeShotRequest(item: Item<MbppData>) {
  return {
    messages: [{ role: 'user' as const, content: `${fewShotPrefix}${mbppTaskText(item.data)}` }],
    parameters: { temperature: 0, maxTokens: 256, stop: ['[DONE]'] },
  };
}

/**
 * lm-eval `mbpp` (lm_eval/tasks/mbpp/mbpp.yaml at EleutherAI/lm-evaluation-harness@4e7e0d47): 3 shots (task ids
 * 2, 3, 4) and the task in one user message, stop "[DONE]", greedy, 256 tokens (lm-eval's default
 * max_gen_toks); no filter, so the raw completion runs, followed by the task's three asserts
 * (`lmEvalMbppProgram`).
 */
export const mbpp3shot: ExecuteProtocol<MbppData> = {
  kind: 'execute',
  id: 'mbpp.3shot',
  version: 2,
  benchmark: 'mbpp',
  description:
    'MBPP 3-shot (lm-eval mbpp: task ids 2-4 as shots, [BEGIN]/[DONE], raw completion), pass@k by sandboxed execution',
  metrics: passAtOneMetrics,
  passAtK: { itemScore: passedScore },
  buildRequest: threeShotRequest,
  score(_item: Item<MbppData>, completion: string) {
    return unexecutedScore(completion);
  },
  scoreAsync(item: Item<MbppData>, completion: string, context) {
    return scoreProgram(context.executor, lmEvalMbppProgram(item.data, completion));
  },
  referenceCompletion(item: Item<MbppData>) {
    return item.data.code;
  },
};

/**
 * parity's own variant (version 1 of `mbpp.3shot` behaved so): the same request; the code is taken with
 * `extractMbppCode` (first fenced block, else the whole reply, after "from __future__ import annotations") and
 * run with the task's `test_setup_code` before its asserts (`mbppProgram`), which makes tasks 367 and 927
 * solvable.
 */
export const mbpp3shotExtract: ExecuteProtocol<MbppData> = {
  kind: 'execute',
  id: 'mbpp.parity.3shot.extract',
  version: 1,
  benchmark: 'mbpp',
  description:
    "MBPP 3-shot with parity's own code extraction and test_setup_code (not upstream), pass@k by sandboxed execution",
  metrics: passAtOneMetrics,
  passAtK: { itemScore: passedScore },
  buildRequest: threeShotRequest,
  score(_item: Item<MbppData>, completion: string) {
    return unexecutedScore(extractMbppCode(completion));
  },
  scoreAsync(item: Item<MbppData>, completion: string, context) {
    return scoreProgram(context.executor, mbppProgram(item.data, extractMbppCode(completion)));
  },
  referenceCompletion(item: Item<MbppData>) {
    return item.data.code;
  },
};
