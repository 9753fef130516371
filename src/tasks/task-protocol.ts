import type {
  Benchmark,
  CodeExecutor,
  GenerateRequest,
  Item,
  ItemScore,
  MetricSpec,
  Protocol,
  StepContext,
} from '../spec/index.ts';
import { itemScore, runGrader } from './grade-item.ts';
import { graderNames } from './grader-names.ts';
import type { GraderResult } from './graders/grader-result.ts';
import type { LoadedTask } from './loaded-task.ts';
import type { TaskDefinition } from './task-schema.ts';
import { templatedRequest } from './templated-request.ts';

/** A task item: the dataset row's fields. */
export interface TaskItemData {
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The stored benchmark id of a task's runs: `task:<id>`, so tasks never collide with built-in benchmarks. */
export function taskBenchmarkId(definition: TaskDefinition): string {
  return `task:${definition.id}`;
}

/** The protocol id of a task version: `<id>.v<version>`. */
export function taskProtocolId(definition: TaskDefinition): string {
  return `${definition.id}.v${definition.version}`;
}

/** Graders whose score is always 0 or 1. */
const BINARY_GRADERS: ReadonlySet<string> = new Set([
  'exact',
  'includes',
  'regex',
  'number',
  'json_schema',
  'json_match',
]);

/**
 * Whether every item score is 0 or 1 (aggregate `all`, or one binary grader): the score is then a proportion
 * (Wilson intervals, exact McNemar in compare), else a graded mean.
 */
export function hasBinaryScore(definition: TaskDefinition): boolean {
  const [only, ...others] = definition.graders;
  return (
    definition.aggregate === 'all' ||
    (others.length === 0 && only !== undefined && BINARY_GRADERS.has(only.type))
  );
}

/** Per-item score keys: `score`, and per grader `grader.<name>` (its score) and `pass.<name>` (0 or 1). */
export function taskMetrics(names: readonly string[], binaryScore = false): MetricSpec[] {
  return [
    { name: 'score', itemScore: 'score', aggregate: 'mean', kind: binaryScore ? 'proportion' : 'graded' },
    ...names.map((name): MetricSpec => ({
      name: `pass_rate.${name}`,
      itemScore: `pass.${name}`,
      aggregate: 'mean',
      kind: 'proportion',
    })),
  ];
}

/** The request for one row: the prompt's templates filled with the row's fields, at the task's generation settings. */
export function taskRequest(
  definition: TaskDefinition,
  item: Item<TaskItemData>,
  file: string,
): GenerateRequest {
  return templatedRequest(
    definition.prompt,
    definition.generation,
    item.data.fields,
    `${file}: item ${item.id}`,
  );
}

/** Grader results as stored in an item's `extracted` field (JSON), and read back by show, view and --junit. */
export function parseGraderResults(extracted: string | null): GraderResult[] | undefined {
  if (extracted === null || !extracted.startsWith('[')) return undefined;
  try {
    return JSON.parse(extracted) as GraderResult[];
  } catch {
    return undefined;
  }
}

/**
 * A task as a protocol the engine runs unchanged: each item is one model request, then every grader (python
 * graders in the sandbox, rubric graders through the judge step, so both are cached and stored with the item).
 * Item scores: `score` and per grader `grader.<name>` and `pass.<name>`; `extracted` holds the grader results
 * with their reasons as JSON.
 */
export function taskProtocol(
  definition: TaskDefinition,
  file: string,
  options: { executor?: CodeExecutor } = {},
): Protocol<TaskItemData> {
  const names = graderNames(definition.graders, file);
  const grade = async (
    item: Item<TaskItemData>,
    response: string,
    judge: StepContext['generate'] | undefined,
    judgeRepeats: number,
  ): Promise<ItemScore> => {
    const request = taskRequest(definition, item, file);
    const input = [...request.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
    const results: GraderResult[] = [];
    for (const [index, grader] of definition.graders.entries()) {
      const name = names[index] ?? grader.type;
      const verdict = await runGrader(
        grader,
        name,
        response,
        item.data.fields,
        `${file}: item ${item.id}: graders[${index}]`,
        {
          input,
          judgeRepeats,
          ...(options.executor ? { executor: options.executor } : {}),
          ...(judge ? { judge } : {}),
        },
      );
      results.push({ name, type: grader.type, ...verdict });
    }
    const scores: Record<string, number | null> = { score: itemScore(definition, results) };
    for (const result of results) {
      scores[`grader.${result.name}`] = result.score;
      scores[`pass.${result.name}`] = result.score === null ? null : result.passed ? 1 : 0;
    }
    return { scores, extracted: JSON.stringify(results) };
  };
  const needsJudge = definition.graders.some((grader) => grader.type === 'llm_rubric');
  return {
    id: taskProtocolId(definition),
    version: definition.version,
    benchmark: taskBenchmarkId(definition),
    description: definition.description ?? `task ${definition.id} from ${file}`,
    metrics: taskMetrics(names, hasBinaryScore(definition)),
    buildRequest: (item) => taskRequest(definition, item, file),
    score: () => ({ scores: { score: null }, extracted: null }),
    referenceCompletion: () => '',
    runSteps: async (item, context) => {
      const response = await context.generate(taskRequest(definition, item, file), {
        role: 'model',
        name: 'response',
      });
      return grade(item, response.text, needsJudge ? context.generate : undefined, context.judgeRepeats);
    },
    ...(needsJudge ? { needsJudge: true } : {}),
  };
}

/** A loaded task as a benchmark with one protocol. */
export function taskBenchmark(
  task: LoadedTask,
  options: { executor?: CodeExecutor } = {},
): Benchmark<TaskItemData> {
  const protocol = taskProtocol(task.definition, task.file, options);
  return {
    id: taskBenchmarkId(task.definition),
    protocols: [protocol],
    defaultProtocol: protocol.id,
    loadItems: async (_source, loadOptions) => {
      const items = task.rows.map((row) => ({ id: row.id, data: { fields: row.fields } }));
      return loadOptions?.limit === undefined ? items : items.slice(0, loadOptions.limit);
    },
  };
}
