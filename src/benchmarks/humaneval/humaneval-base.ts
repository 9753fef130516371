import type { Item, Protocol } from '../../spec/index.ts';
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
 * lm-eval `build_predictions`: drops "```python\n" and turns SentencePiece "▁" indentation back into spaces;
 * the result continues the prompt.
 */
export function cleanBaseCompletion(completion: string): string {
  return completion
    .replaceAll('```python\n', '')
    .replace(/\n(▁+)/g, (_match, marks: string) => `\n${' '.repeat(marks.length)}`);
}

/**
 * lm-eval `humaneval` (Codex paper): the prompt verbatim, stops at a new top-level statement, 1024 tokens,
 * greedy; the completion is appended to the prompt and run with `check(entry_point)`. parity's providers speak
 * chat, so the prompt is the one user message (docs/decisions/0020-code-benchmark-protocols.md); use
 * `humaneval.instruct` for chat-tuned models.
 */
export const humanEvalBase: Protocol<HumanEvalData> = {
  id: 'humaneval.base',
  version: 1,
  benchmark: 'humaneval',
  description: 'HumanEval 0-shot completion (lm-eval humaneval, Codex stops), pass@k by sandboxed execution',
  metrics: passAtOneMetrics,
  passAtK: { itemScore: passedScore },
  buildRequest(item: Item<HumanEvalData>) {
    return {
      messages: [{ role: 'user', content: item.data.prompt }],
      parameters: { temperature: 0, maxTokens: 1024, stop: [...humanEvalStops] },
    };
  },
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
