import type { CodeExecutor, GenerateRequest, ModelResponse, StepRequestOptions } from '../spec/index.ts';
import { fillTemplate, fillValue } from './fill-template.ts';
import type { GraderResult } from './graders/grader-result.ts';
import { gradeJsonMatch, gradeJsonSchema } from './graders/json-graders.ts';
import {
  DEFAULT_RUBRIC_SCALE,
  rubricJudgeRequest,
  rubricVerdictOfRepeats,
} from './graders/llm-rubric-grader.ts';
import { gradePython } from './graders/python-grader.ts';
import { gradeRegex } from './graders/regex-grader.ts';
import { fail, gradeExact, gradeIncludes, gradeNumber, type Verdict } from './graders/text-graders.ts';
import type { GraderSpec, TaskDefinition } from './task-schema.ts';

/** What grading may use beyond the response: the sandbox (python graders) and the judge (llm_rubric). */
export interface GradingContext {
  readonly executor?: CodeExecutor;
  readonly judge?: (request: GenerateRequest, options: StepRequestOptions) => Promise<ModelResponse>;
  /** The input shown to a rubric judge: the rendered prompt's last user message. */
  readonly input: string;
  /** Judgments per rubric grader (`--judge-repeats`, default 1); the grader's score is their mean. */
  readonly judgeRepeats?: number;
}

/** Runs one grader on a response; `fields` are the row's variables (they fill `value`). */
export async function runGrader(
  grader: GraderSpec,
  name: string,
  response: string,
  fields: Readonly<Record<string, unknown>>,
  where: string,
  context: GradingContext,
): Promise<Verdict> {
  const value = 'value' in grader ? fillValue(grader.value, fields, where) : undefined;
  switch (grader.type) {
    case 'exact':
      return gradeExact(response, {
        value: String(value),
        ...(grader.ignore_case === undefined ? {} : { ignoreCase: grader.ignore_case }),
        ...(grader.trim === undefined ? {} : { trim: grader.trim }),
      });
    case 'includes':
      return gradeIncludes(response, {
        value: Array.isArray(value) ? value.map(String) : String(value),
        ...(grader.ignore_case === undefined ? {} : { ignoreCase: grader.ignore_case }),
      });
    case 'regex':
      return gradeRegex(response, {
        pattern: grader.pattern,
        ...(grader.flags === undefined ? {} : { flags: grader.flags }),
        ...(grader.group === undefined ? {} : { group: grader.group }),
        ...(value === undefined ? {} : { value: String(value) }),
      });
    case 'number': {
      const wanted = Number(value);
      if (!Number.isFinite(wanted)) return fail(`value ${JSON.stringify(value)} is not a number`);
      return gradeNumber(response, {
        value: wanted,
        ...(grader.tolerance === undefined ? {} : { tolerance: grader.tolerance }),
      });
    }
    case 'json_schema':
      return gradeJsonSchema(response, grader.schema);
    case 'json_match':
      return gradeJsonMatch(response, { pointer: grader.pointer, value });
    case 'python':
      if (!context.executor) return { score: null, passed: false, reason: 'no sandbox to run the grader' };
      return gradePython(context.executor, { code: grader.code, response, row: fields });
    case 'llm_rubric': {
      if (!context.judge) return { score: null, passed: false, reason: 'no judge model' };
      const scale = grader.scale ?? DEFAULT_RUBRIC_SCALE;
      const request = rubricJudgeRequest({
        rubric: fillTemplate(grader.rubric, fields, where),
        scale,
        input: context.input,
        response,
      });
      const judgments: string[] = [];
      for (let repeat = 0; repeat < Math.max(1, context.judgeRepeats ?? 1); repeat += 1) {
        const judged = await context.judge(request, { role: 'judge', name: `judge-${name}`, repeat });
        judgments.push(judged.text);
      }
      return rubricVerdictOfRepeats(judgments, scale, grader.pass_at);
    }
  }
}

/**
 * The item score from its graders: the weighted mean of grader scores (aggregate `mean`), or 1 only when every
 * grader passed (`all`). Null when a grader could not grade (unscored, kept apart from wrong).
 */
export function itemScore(task: TaskDefinition, results: readonly GraderResult[]): number | null {
  if (results.some((result) => result.score === null)) return null;
  if (task.aggregate === 'all') return results.every((result) => result.passed) ? 1 : 0;
  let total = 0;
  let weights = 0;
  results.forEach((result, index) => {
    const weight = task.graders[index]?.weight ?? 1;
    total += weight * (result.score ?? 0);
    weights += weight;
  });
  return weights === 0 ? null : total / weights;
}
