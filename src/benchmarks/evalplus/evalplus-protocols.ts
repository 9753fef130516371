import { unexecutedScore } from '../../scoring/execution-score.ts';
import type { ExecuteProtocol, Item, MetricSpec } from '../../spec/index.ts';
import type { EvalPlusData, EvalPlusDataset } from './evalplus-data.ts';
import { evalPlusScoreKeys, scoreEvalPlusSolution } from './score-evalplus-solution.ts';

const fence = '```';

/** evalplus/codegen.py line 222: the instruction of every chat request. */
export const evalPlusInstruction =
  'Please provide a self-contained Python script that solves the following problem in a markdown code block:';

/** evalplus/provider/utility.py lines 4-19: stops of direct completion (EOS plus the data set's own). */
export const evalPlusCompletionStops: Readonly<Record<EvalPlusDataset, readonly string[]>> = {
  humaneval: [
    '<|endoftext|>',
    '<|endofmask|>',
    '</s>',
    '\nif __name__',
    '\ndef main(',
    '\nprint(',
    '\ndef ',
    '\nclass ',
    '\nimport ',
    '\nfrom ',
    '\nassert ',
  ],
  mbpp: [
    '<|endoftext|>',
    '<|endofmask|>',
    '</s>',
    '\nif __name__',
    '\ndef main(',
    '\nprint(',
    '\n"""',
    '\nassert',
  ],
};

/** evalplus/codegen.py line 71: the task prompt as the model sees it. */
function taskPrompt(data: EvalPlusData): string {
  return `${data.prompt.trim()}\n`;
}

const metrics: readonly MetricSpec[] = [
  { name: 'pass@1', itemScore: evalPlusScoreKeys.plus, aggregate: 'mean', kind: 'proportion' },
  { name: 'base_pass@1', itemScore: evalPlusScoreKeys.base, aggregate: 'mean', kind: 'proportion' },
];

const passAtK = {
  itemScore: evalPlusScoreKeys.plus,
  also: [{ itemScore: evalPlusScoreKeys.base, prefix: 'base_' }],
};

/** The canonical solution as a model would write it in a fenced block. */
function referenceReply(item: Item<EvalPlusData>): string {
  return `${fence}python\n${item.data.prompt}${item.data.canonicalSolution}\n${fence}\n`;
}

/**
 * EvalPlus's chat protocol as its OpenAI backend sends it (evalplus/provider/openai.py line 26,
 * gen/util/openai_request.py lines 16-31): one user message, the instruction then the prompt in a ```python
 * block; 768 tokens (provider/base.py line 13), top-p 0.95, greedy. The reply goes through EvalPlus's sanitizer
 * (codegen.py lines 79-81) and the result is checked against the base and plus tests.
 */
function instructProtocol(dataset: EvalPlusDataset): ExecuteProtocol<EvalPlusData> {
  const benchmark = `${dataset}.plus`;
  return {
    kind: 'execute',
    id: `${benchmark}.instruct`,
    version: 1,
    benchmark,
    description: `${dataset === 'humaneval' ? 'HumanEval+' : 'MBPP+'} chat (EvalPlus codegen, OpenAI backend, sanitized reply): pass@k on base and plus tests`,
    metrics,
    passAtK,
    buildRequest(item) {
      return {
        messages: [
          {
            role: 'user',
            content: `${evalPlusInstruction}\n${fence}python\n${taskPrompt(item.data).trim()}\n${fence}`,
          },
        ],
        parameters: { temperature: 0, topP: 0.95, maxTokens: 768 },
      };
    },
    score(_item, completion) {
      return unexecutedScore(completion);
    },
    scoreAsync(item, completion, context) {
      return scoreEvalPlusSolution(context.executor, item.data, completion, { sanitize: true });
    },
    referenceCompletion: referenceReply,
  };
}

/**
 * EvalPlus's direct completion (a model without a chat template, or `--force-base-prompt`; evalplus/provider/
 * vllm.py lines 41-77): the prompt stripped plus "\n", EOS and the data set's stops, 768 tokens, greedy (top-p
 * 1.0), tabs turned into four spaces; the solution is prompt + completion, sanitized (codegen.py line 79). parity's
 * providers speak chat, so the prompt is the one user message, as for `humaneval.base`.
 */
function baseProtocol(dataset: EvalPlusDataset): ExecuteProtocol<EvalPlusData> {
  const benchmark = `${dataset}.plus`;
  const solution = (item: Item<EvalPlusData>, completion: string) =>
    `${taskPrompt(item.data)}${completion.replaceAll('\t', '    ')}`;
  return {
    kind: 'execute',
    id: `${benchmark}.base`,
    version: 1,
    benchmark,
    description: `${dataset === 'humaneval' ? 'HumanEval+' : 'MBPP+'} direct completion (EvalPlus base prompt, sanitized): pass@k on base and plus tests`,
    metrics,
    passAtK,
    buildRequest(item) {
      return {
        messages: [{ role: 'user', content: taskPrompt(item.data) }],
        parameters: { temperature: 0, maxTokens: 768, stop: [...evalPlusCompletionStops[dataset]] },
      };
    },
    score(item, completion) {
      return unexecutedScore(solution(item, completion));
    },
    scoreAsync(item, completion, context) {
      return scoreEvalPlusSolution(context.executor, item.data, solution(item, completion), {
        sanitize: true,
      });
    },
    referenceCompletion(item) {
      // The canonical solution continues the raw prompt; the stripped prompt may have lost trailing blank lines.
      return item.data.canonicalSolution.replace(/^\n+/, '');
    },
  };
}

export const humanEvalPlusInstruct = instructProtocol('humaneval');
export const humanEvalPlusBase = baseProtocol('humaneval');
export const mbppPlusInstruct = instructProtocol('mbpp');
export const mbppPlusBase = baseProtocol('mbpp');
