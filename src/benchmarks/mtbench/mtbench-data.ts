import type { JudgePrompts } from './judge-prompts.ts';

/** One MT-Bench question (`mt_bench/question.jsonl`). */
export interface MtbenchData {
  readonly questionId: number;
  readonly category: string;
  /** The two user turns. */
  readonly turns: readonly [string, string];
  /** GPT-4's reference answers to both turns (math, reasoning, coding only; `reference_answer/gpt-4.jsonl`). */
  readonly referenceAnswers?: readonly [string, string];
  /** FastChat's single-answer judge prompts (`judge_prompts.jsonl`), shared by every item; loaded by the benchmark. */
  readonly judgePrompts?: JudgePrompts;
}
