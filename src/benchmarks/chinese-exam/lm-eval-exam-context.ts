import { pythonStrip } from '../../scoring/ifeval/python-regex-classes.ts';
import type { ExamQuestion } from './chinese-exam-data.ts';
import { examLetters } from './chinese-exam-data.ts';

/**
 * lm-eval `doc_to_text` of CMMLU and C-Eval (tasks/cmmlu/_default_template_yaml line 7,
 * tasks/ceval/_default_ceval_yaml line 7): the question stripped (Python `str.strip()`), the choices verbatim,
 * ending in "答案：".
 */
export function formatLmEvalExamQuestion(example: ExamQuestion): string {
  const [choiceA, choiceB, choiceC, choiceD] = example.choices;
  return `${pythonStrip(example.question)}\nA. ${choiceA}\nB. ${choiceB}\nC. ${choiceC}\nD. ${choiceD}\n答案：`;
}

/**
 * The whole lm-eval prompt for `--num_fewshot 5` (fewshot_config sampler first_n on the dev split): the
 * subject's description (ending "\n\n"), each dev example followed by target_delimiter " " and its letter,
 * joined by fewshot_delimiter "\n\n", then "\n\n" and the test question (lm_eval/api/task.py fewshot_context).
 */
export function formatLmEvalExamContext(
  description: string,
  shots: readonly ExamQuestion[],
  question: ExamQuestion,
): string {
  const examples = shots.map((example) => `${formatLmEvalExamQuestion(example)} ${example.answer}`);
  return description + [...examples, formatLmEvalExamQuestion(question)].join('\n\n');
}

/** Scored continuations: target_delimiter " " + each of `doc_to_choice` ["A", "B", "C", "D"]. */
export const examContinuations: readonly string[] = examLetters.map((letter) => ` ${letter}`);
