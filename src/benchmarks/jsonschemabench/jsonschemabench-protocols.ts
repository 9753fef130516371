import {
  compileJsonSchema,
  UnsupportedSchemaError,
} from '../../scoring/json-schema/json-schema-validator.ts';
import type { JsonSchemaCheck } from '../../scoring/json-schema/json-schema-validator.ts';
import { parseJsonAnswer } from '../../scoring/json-schema/parse-json-answer.ts';
import type {
  GenerateRequest,
  Item,
  ItemScore,
  MetricSpec,
  Protocol,
  ScoreContext,
} from '../../spec/index.ts';
import type { JsonSchemaBenchData } from './jsonschemabench-data.ts';
import { jsonSchemaBenchMessages } from './jsonschemabench-prompt.ts';

/**
 * Metrics, per subset as groups: `schema_compliance` (the reply is JSON valid for the schema; headline),
 * `json_validity` (the reply parses as JSON), `schema_refusal` (the endpoint refused the schema in structured
 * mode: finish reason 'error', no reply). A schema parity's validator cannot compile leaves the item's
 * compliance unscored (null).
 */
export const jsonSchemaBenchMetrics: readonly MetricSpec[] = [
  { name: 'schema_compliance', itemScore: 'schema_compliance', aggregate: 'mean', kind: 'proportion' },
  { name: 'json_validity', itemScore: 'json_validity', aggregate: 'mean', kind: 'proportion' },
  { name: 'schema_refusal', itemScore: 'schema_refusal', aggregate: 'mean', kind: 'proportion' },
];

/** Compiled validators by schema object: a run scores each schema once per sample, compiling is the slow part. */
const compiled = new WeakMap<object, (instance: unknown) => JsonSchemaCheck>();

function checkerFor(schema: JsonSchemaBenchData['schema']): (instance: unknown) => JsonSchemaCheck {
  if (typeof schema === 'boolean') return compileJsonSchema(schema);
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compileJsonSchema(schema);
    compiled.set(schema, check);
  }
  return check;
}

/** Scores one reply: JSON validity, then compliance with the item's schema under the draft it declares. */
export function scoreJsonSchemaReply(
  data: JsonSchemaBenchData,
  reply: string,
  context?: ScoreContext,
): ItemScore {
  if (context?.finishReason === 'error') {
    return {
      scores: { schema_compliance: 0, json_validity: 0, schema_refusal: 1 },
      extracted: null,
    };
  }
  const answer = parseJsonAnswer(reply);
  if (!answer.ok) {
    return { scores: { schema_compliance: 0, json_validity: 0, schema_refusal: 0 }, extracted: null };
  }
  const extracted = JSON.stringify(answer.value) ?? null;
  let check: (instance: unknown) => JsonSchemaCheck;
  try {
    check = checkerFor(data.schema);
  } catch (error) {
    if (!(error instanceof UnsupportedSchemaError)) throw error;
    return { scores: { schema_compliance: null, json_validity: 1, schema_refusal: 0 }, extracted };
  }
  const result = check(answer.value);
  return {
    scores: { schema_compliance: result.valid ? 1 : 0, json_validity: 1, schema_refusal: 0 },
    extracted,
  };
}

/** lm-eval's generation settings for the task: greedy, until the fewshot delimiter, 256 tokens (its defaults). */
const parameters = { temperature: 0, maxTokens: 256, stop: ['\n\n'] } as const;

/** Characters the structured-output APIs allow in a schema's name. */
function schemaName(data: JsonSchemaBenchData): string {
  return `${data.subset}_${data.name}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

/**
 * The first instance the data labels valid, as JSON; empty (scores 0) for the schemas that come without one
 * (306 of the 4194 in the shared data): the benchmark has no gold answers, any valid instance is right.
 */
function referenceCompletion(item: Item<JsonSchemaBenchData>): string {
  return 'validInstance' in item.data ? JSON.stringify(item.data.validInstance) : '';
}

function promptRequest(item: Item<JsonSchemaBenchData>): GenerateRequest {
  return { messages: jsonSchemaBenchMessages(item.data), parameters };
}

/**
 * Prompt only, as lm-eval `jsonschema_bench_{easy,medium,hard}`: description as system message, two exemplars as
 * turns, the schema asked about; the reply read as lm-eval's metrics read it. docs/decisions/0151.
 */
export const jsonSchemaBenchPrompt: Protocol<JsonSchemaBenchData> = {
  kind: 'generate',
  id: 'jsonschemabench.prompt',
  version: 1,
  benchmark: 'jsonschemabench',
  description:
    'JSONSchemaBench, lm-eval jsonschema_bench prompt (2-shot), JSON validity and schema compliance',
  metrics: jsonSchemaBenchMetrics,
  buildRequest: promptRequest,
  score: (item, completion, context) => scoreJsonSchemaReply(item.data, completion, context),
  referenceCompletion,
};

/**
 * The same prompt with the provider's structured-output mode on (`responseSchema`: OpenAI-compatible
 * `response_format: json_schema` strict, Anthropic `output_config.format`, Gemini `responseJsonSchema`). An
 * endpoint that refuses a schema counts as a schema refusal. Providers without the mode answer from the prompt
 * alone (`parity probe` says which have it). docs/decisions/0152.
 */
export const jsonSchemaBenchStructured: Protocol<JsonSchemaBenchData> = {
  kind: 'generate',
  id: 'jsonschemabench.structured',
  version: 1,
  benchmark: 'jsonschemabench',
  description: 'JSONSchemaBench with the provider’s structured-output mode (json_schema strict), same prompt',
  metrics: jsonSchemaBenchMetrics,
  needsStructuredOutput: true,
  buildRequest(item) {
    return {
      ...promptRequest(item),
      responseSchema: { name: schemaName(item.data), schema: item.data.schema },
    };
  },
  score: (item, completion, context) => scoreJsonSchemaReply(item.data, completion, context),
  referenceCompletion,
};
