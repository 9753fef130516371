import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBenchmark, getProtocol } from '../registry.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import type { Item } from '../../spec/index.ts';
import type { JsonSchemaBenchData } from './jsonschemabench-data.ts';
import { jsonSchemaBenchPrompt, jsonSchemaBenchStructured } from './jsonschemabench-protocols.ts';
import { loadJsonSchemaBenchItems } from './load-jsonschemabench-items.ts';

const item: Item<JsonSchemaBenchData> = {
  id: 'Github_easy/o1',
  group: 'Github_easy',
  data: {
    subset: 'Github_easy',
    name: 'o1',
    schema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
    validInstance: { n: 1 },
  },
};

describe('jsonschemabench.prompt', () => {
  it('sends lm-eval’s jsonschema_bench prompt: system description, two exemplar turns, the schema (literal \\n as upstream)', () => {
    const schema1 =
      '{ "$schema": "http://json-schema.org/draft-04/schema#", "definitions": { "address1": { "type": "string" }, "address2": { "type": "string" }, "city": { "type": "string" }, "country": { "type": "string" }, "postalCode": { "type": "string" }, "state": { "type": "string" } }, "description": "A simple address schema", "properties": { "address1": { "$ref": "#/definitions/address1" }, "address2": { "$ref": "#/definitions/address2" }, "city": { "$ref": "#/definitions/city" }, "country": { "$ref": "#/definitions/country" }, "postalCode": { "$ref": "#/definitions/postalCode" }, "state": { "$ref": "#/definitions/state" } }, "type": "object" }';
    const object1 =
      '{ "address1": "123 Main Street", "address2": "Apt 4B", "city": "Seattle", "country": "USA", "postalCode": "98101", "state": "WA" }';
    const request = jsonSchemaBenchPrompt.buildRequest(item);
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: 'Generate a JSON object that matches the following JSON schema.',
    });
    expect(request.messages[1]).toEqual({
      role: 'user',
      content: `JSON schema: ${schema1}\\n\\nJSON object: `,
    });
    expect(request.messages[2]).toEqual({ role: 'assistant', content: object1 });
    expect(request.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(request.messages[5]).toEqual({
      role: 'user',
      content:
        'JSON schema: {\n    "type": "object",\n    "properties": {\n        "n": {\n            "type": "integer"\n        }\n    },\n    "required": [\n        "n"\n    ]\n}\\n\\nJSON object: ',
    });
    expect(request.parameters).toEqual({ temperature: 0, maxTokens: 256, stop: ['\n\n'] });
    expect(request.responseSchema).toBeUndefined();
  });

  it('scores validity and compliance as lm-eval reads replies (code fences stripped)', () => {
    const score = (reply: string) => jsonSchemaBenchPrompt.score(item, reply).scores;
    expect(score('```json\n{"n": 3}\n```')).toEqual({
      schema_compliance: 1,
      json_validity: 1,
      schema_refusal: 0,
    });
    expect(score('{"n": "3"}')).toEqual({ schema_compliance: 0, json_validity: 1, schema_refusal: 0 });
    expect(score('Here it is: {"n": 3}')).toEqual({
      schema_compliance: 0,
      json_validity: 0,
      schema_refusal: 0,
    });
    expect(score('{"n": 3')).toEqual({ schema_compliance: 0, json_validity: 0, schema_refusal: 0 });
    expect(jsonSchemaBenchPrompt.score(item, '{"n":3}').extracted).toBe('{"n":3}');
    expect(
      jsonSchemaBenchPrompt.score(item, jsonSchemaBenchPrompt.referenceCompletion(item)).scores
        .schema_compliance,
    ).toBe(1);
  });

  it('leaves compliance unscored for a schema the validator cannot compile', () => {
    const broken = { ...item, data: { ...item.data, schema: { $ref: '#/definitions/none' } } };
    expect(jsonSchemaBenchPrompt.score(broken, '{}').scores).toEqual({
      schema_compliance: null,
      json_validity: 1,
      schema_refusal: 0,
    });
  });
});

describe('jsonschemabench.structured', () => {
  it('sends the same prompt with the schema as responseSchema, named for the APIs', () => {
    const request = jsonSchemaBenchStructured.buildRequest(item);
    expect(request.messages).toEqual(jsonSchemaBenchPrompt.buildRequest(item).messages);
    expect(request.responseSchema).toEqual({ name: 'Github_easy_o1', schema: item.data.schema });
  });

  it('counts a refused schema (finish reason error) as a refusal, not as a reply', () => {
    expect(jsonSchemaBenchStructured.score(item, '', { finishReason: 'error' })).toEqual({
      scores: { schema_compliance: 0, json_validity: 0, schema_refusal: 1 },
      extracted: null,
    });
  });
});

describe('jsonschemabench items', () => {
  it('reads every <subset>.jsonl, round-robin over subsets, ids <subset>/<name>, the first valid test as reference', async () => {
    const root = mkdtempSync(join(tmpdir(), 'parity-jsb-'));
    const folder = join(root, 'jsonschemabench');
    mkdirSync(folder);
    const line = (name: string, extra: object = {}) =>
      JSON.stringify({ name, schema: { type: 'object' }, ...extra });
    writeFileSync(
      join(folder, 'A.jsonl'),
      `${line('a1', {
        tests: [
          { valid: false, data: 1 },
          { valid: true, data: { x: 1 } },
        ],
      })}\n${line('a2')}\n`,
    );
    writeFileSync(join(folder, 'B.jsonl'), `${line('b1')}\n`);
    writeFileSync(join(folder, 'README.md'), 'not data');
    const items = await loadJsonSchemaBenchItems(createDirectorySourceForTests(root));
    expect(items.map((loaded) => loaded.id)).toEqual(['A/a1', 'B/b1', 'A/a2']);
    expect(items[0]?.group).toBe('A');
    expect(items[0]?.data.validInstance).toEqual({ x: 1 });
    expect('validInstance' in (items[1]?.data ?? {})).toBe(false);
    expect((await loadJsonSchemaBenchItems(createDirectorySourceForTests(root), { limit: 2 })).length).toBe(
      2,
    );
    writeFileSync(join(folder, 'B.jsonl'), `${line('b1')}\n{"name":"b2"}\n`);
    await expect(loadJsonSchemaBenchItems(createDirectorySourceForTests(root))).rejects.toThrow(
      /B\.jsonl:2.*schema/s,
    );
  });

  it('is registered with both protocols, prompt-only by default', () => {
    const benchmark = getBenchmark('jsonschemabench');
    expect(getProtocol(benchmark).id).toBe('jsonschemabench.prompt');
    expect(getProtocol(benchmark, 'jsonschemabench.structured').metrics.map((metric) => metric.name)).toEqual(
      ['schema_compliance', 'json_validity', 'schema_refusal'],
    );
  });
});
