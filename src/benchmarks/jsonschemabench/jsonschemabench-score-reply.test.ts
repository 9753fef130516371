import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { JsonSchemaBenchData } from './jsonschemabench-data.ts';
import {
  jsonSchemaBenchMetrics,
  jsonSchemaBenchPrompt,
  jsonSchemaBenchStructured,
  scoreJsonSchemaReply,
} from './jsonschemabench-protocols.ts';

const data: JsonSchemaBenchData = {
  subset: 'Github_easy',
  name: 'o1',
  schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
};
const item = (over: Partial<JsonSchemaBenchData> = {}): Item<JsonSchemaBenchData> => ({
  id: 'x',
  data: { ...data, ...over },
});

describe('scoreJsonSchemaReply', () => {
  it('compliance, validity and refusal for each kind of reply', () => {
    expect(scoreJsonSchemaReply(data, '{"n": 1}')).toEqual({
      scores: { schema_compliance: 1, json_validity: 1, schema_refusal: 0 },
      extracted: '{"n":1}',
    });
    expect(scoreJsonSchemaReply(data, '{"n": 1.5}')).toEqual({
      scores: { schema_compliance: 0, json_validity: 1, schema_refusal: 0 },
      extracted: '{"n":1.5}',
    });
    expect(scoreJsonSchemaReply(data, 'nope')).toEqual({
      scores: { schema_compliance: 0, json_validity: 0, schema_refusal: 0 },
      extracted: null,
    });
    expect(scoreJsonSchemaReply(data, '{"n": 1}', { finishReason: 'error' })).toEqual({
      scores: { schema_compliance: 0, json_validity: 0, schema_refusal: 1 },
      extracted: null,
    });
    expect(scoreJsonSchemaReply(data, '{"n": 1}', { finishReason: 'stop' }).scores.schema_compliance).toBe(1);
  });

  it('boolean schemas: true accepts every instance, false none', () => {
    expect(scoreJsonSchemaReply({ ...data, schema: true }, '[1]').scores.schema_compliance).toBe(1);
    expect(scoreJsonSchemaReply({ ...data, schema: false }, '[1]').scores.schema_compliance).toBe(0);
  });

  it('scores the same schema object alike every time (compiled once, reused)', () => {
    const shared: JsonSchemaBenchData = { ...data, schema: { type: 'string', maxLength: 2 } };
    expect(scoreJsonSchemaReply(shared, '"ab"').scores.schema_compliance).toBe(1);
    expect(scoreJsonSchemaReply(shared, '"abc"').scores.schema_compliance).toBe(0);
    expect(scoreJsonSchemaReply(shared, '"a"').scores.schema_compliance).toBe(1);
  });
});

describe('jsonschemabench protocols', () => {
  it('metrics, in order', () => {
    expect(jsonSchemaBenchMetrics).toEqual([
      { name: 'schema_compliance', itemScore: 'schema_compliance', aggregate: 'mean', kind: 'proportion' },
      { name: 'json_validity', itemScore: 'json_validity', aggregate: 'mean', kind: 'proportion' },
      { name: 'schema_refusal', itemScore: 'schema_refusal', aggregate: 'mean', kind: 'proportion' },
    ]);
  });

  it("lm-eval's generation settings: greedy, 256 tokens, stop at a blank line", () => {
    expect(jsonSchemaBenchPrompt.buildRequest(item()).parameters).toEqual({
      temperature: 0,
      maxTokens: 256,
      stop: ['\n\n'],
    });
    expect(jsonSchemaBenchStructured.buildRequest(item()).parameters).toEqual({
      temperature: 0,
      maxTokens: 256,
      stop: ['\n\n'],
    });
  });

  it('names the response schema with API-safe characters, at most 64 of them', () => {
    const name = (subset: string, itemName: string) =>
      jsonSchemaBenchStructured.buildRequest(item({ subset, name: itemName })).responseSchema?.name;
    expect(name('Github_easy', 'o1 2.json')).toBe('Github_easy_o1_2_json');
    expect(name('Kubernetes', 'a-b_C9/ü')).toBe('Kubernetes_a-b_C9__');
    expect(name('s', 'x'.repeat(70))).toBe(`s_${'x'.repeat(62)}`);
  });

  it('reference: the first valid instance as JSON, or nothing', () => {
    expect(jsonSchemaBenchPrompt.referenceCompletion?.(item({ validInstance: { n: 2 } }))).toBe('{"n":2}');
    expect(jsonSchemaBenchPrompt.referenceCompletion?.(item({ validInstance: null }))).toBe('null');
    expect(jsonSchemaBenchStructured.referenceCompletion?.(item())).toBe('');
  });

  it('identities and the structured-output need', () => {
    expect([jsonSchemaBenchPrompt.kind, jsonSchemaBenchPrompt.id, jsonSchemaBenchPrompt.version]).toEqual([
      'generate',
      'jsonschemabench.prompt',
      1,
    ]);
    expect([jsonSchemaBenchStructured.id, jsonSchemaBenchStructured.version]).toEqual([
      'jsonschemabench.structured',
      1,
    ]);
    expect(jsonSchemaBenchPrompt.benchmark).toBe('jsonschemabench');
    expect(jsonSchemaBenchStructured.benchmark).toBe('jsonschemabench');
    expect(jsonSchemaBenchStructured.needsStructuredOutput).toBe(true);
    expect(jsonSchemaBenchPrompt.needsStructuredOutput).toBeUndefined();
    expect(jsonSchemaBenchPrompt.description).toContain('lm-eval jsonschema_bench prompt');
    expect(jsonSchemaBenchStructured.description).toContain('structured-output mode');
    expect(jsonSchemaBenchStructured.score(item(), '{"n": 3}').scores.schema_compliance).toBe(1);
  });
});
