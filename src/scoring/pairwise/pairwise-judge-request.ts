import type { GenerateRequest } from '../../spec/index.ts';

/** The judge prompt's name, stored with every judgment run (FastChat's name for it). */
export const PAIRWISE_PROMPT_ID = 'pair-v2';

const defaultCriteria =
  'Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of their responses.';

/**
 * The system message: MT-Bench's pairwise judge prompt (FastChat `fastchat/llm_judge/data/judge_prompts.jsonl`,
 * "pair-v2", read at lm-sys/FastChat 0e6d3e4b). Its wording is the protocol, kept as published so judgments
 * match MT-Bench's (as parity keeps benchmark prompts): compare, explain briefly, ignore position, length and
 * names, then exactly one of "[[A]]", "[[B]]" or "[[C]]" (tie). A rubric replaces the criteria sentence.
 */
export function pairwiseJudgeSystemMessage(rubric?: string): string {
  const criteria =
    rubric === undefined ? defaultCriteria : `Judge them against this rubric:\n${rubric.trim()}\n`;
  return (
    'Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user question displayed below. ' +
    "You should choose the assistant that follows the user's instructions and answers the user's question better. " +
    `${criteria} ` +
    'Begin your evaluation by comparing the two responses and provide a short explanation. ' +
    'Avoid any position biases and ensure that the order in which the responses were presented does not influence your decision. ' +
    'Do not allow the length of the responses to influence your evaluation. Do not favor certain names of the assistants. ' +
    'Be as objective as possible. After providing your explanation, output your final verdict by strictly following this format: ' +
    '"[[A]]" if assistant A is better, "[[B]]" if assistant B is better, and "[[C]]" for a tie.'
  );
}

/**
 * One judge request: the question and the two answers in the order given (`first` is shown as assistant A).
 * Temperature 0 and at most 2,048 output tokens, as FastChat judges (common.py `run_judge_pair`).
 */
export function pairwiseJudgeRequest(options: {
  input: string;
  first: string;
  second: string;
  rubric?: string;
}): GenerateRequest {
  return {
    messages: [
      { role: 'system', content: pairwiseJudgeSystemMessage(options.rubric) },
      {
        role: 'user',
        content:
          `[User Question]\n${options.input}\n\n` +
          `[The Start of Assistant A's Answer]\n${options.first}\n[The End of Assistant A's Answer]\n\n` +
          `[The Start of Assistant B's Answer]\n${options.second}\n[The End of Assistant B's Answer]`,
      },
    ],
    parameters: { temperature: 0, maxTokens: 2048 },
  };
}
