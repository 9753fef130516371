import { describe, expect, it } from 'vitest';
import { gradeJsonMatch, gradeJsonSchema, responseJson } from './json-graders.ts';
import { rubricVerdict } from './llm-rubric-grader.ts';
import { gradeRegex } from './regex-grader.ts';
import { gradeExact, gradeIncludes, gradeNumber } from './text-graders.ts';

describe('exact', () => {
  it('passes on the value (trimmed, case folded when asked) and fails otherwise', () => {
    expect(gradeExact(' billing\n', { value: 'billing' }).passed).toBe(true);
    expect(gradeExact('Billing', { value: 'billing' }).passed).toBe(false);
    expect(gradeExact('Billing', { value: 'billing', ignoreCase: true }).score).toBe(1);
    expect(gradeExact('billing.', { value: 'billing' })).toMatchObject({ score: 0, passed: false });
  });
});

describe('includes', () => {
  it('needs every listed value', () => {
    expect(gradeIncludes('queue: BUG', { value: 'bug', ignoreCase: true }).passed).toBe(true);
    expect(gradeIncludes('queue: BUG', { value: 'bug' }).passed).toBe(false);
    const missing = gradeIncludes('a b', { value: ['a', 'c'] });
    expect(missing.passed).toBe(false);
    expect(missing.reason).toContain('"c"');
  });
});

describe('regex', () => {
  it('matches, and compares a capture group with the value', () => {
    expect(gradeRegex('Answer: 42', { pattern: 'Answer: (\\d+)' }).passed).toBe(true);
    expect(gradeRegex('Answer: 42', { pattern: 'Answer: (\\d+)', value: '42' }).passed).toBe(true);
    expect(gradeRegex('Answer: 41', { pattern: 'Answer: (\\d+)', value: '42' }).passed).toBe(false);
    expect(gradeRegex('nothing', { pattern: 'Answer' }).passed).toBe(false);
    expect(gradeRegex('ANSWER', { pattern: 'answer', flags: 'i' }).passed).toBe(true);
  });

  it('bounds catastrophic backtracking by a time limit and fails the grader', () => {
    const started = performance.now();
    const verdict = gradeRegex(`${'a'.repeat(5000)}!`, { pattern: '^(a+)+$', timeoutMs: 100 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(verdict.passed).toBe(false);
    expect(verdict.reason).toContain('gave up after 100 ms');
    // The next match still works.
    expect(gradeRegex('aaa', { pattern: '^(a+)+$' }).passed).toBe(true);
  });
});

describe('number', () => {
  it('takes the last number, with tolerance and thousands separators', () => {
    expect(gradeNumber('3 apples then 1,234.5', { value: 1234.5 }).passed).toBe(true);
    expect(gradeNumber('about 9.98', { value: 10, tolerance: 0.05 }).passed).toBe(true);
    expect(gradeNumber('about 9.9', { value: 10, tolerance: 0.05 }).passed).toBe(false);
    expect(gradeNumber('no digits', { value: 1 }).reason).toContain('no number');
    expect(gradeNumber('-7', { value: -7 }).passed).toBe(true);
  });
});

describe('json_schema', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['total'],
    properties: { total: { type: 'number' }, items: { type: 'array', prefixItems: [{ type: 'string' }] } },
  };
  it('validates the whole response or its first JSON block (draft 2020-12)', () => {
    expect(gradeJsonSchema('{"total": 3}', schema).passed).toBe(true);
    expect(gradeJsonSchema('Here:\n```json\n{"total": 3}\n```\nDone', schema).passed).toBe(true);
    expect(gradeJsonSchema('Sure! {"total": 3} hope it helps', schema).passed).toBe(true);
    const wrong = gradeJsonSchema('{"total": "3"}', schema);
    expect(wrong.passed).toBe(false);
    expect(wrong.reason).toContain('/total');
    // prefixItems is 2020-12 only: a draft-07 validator would ignore it.
    expect(gradeJsonSchema('{"total": 1, "items": [5]}', schema).passed).toBe(false);
  });

  it('fails invalid JSON and huge responses without throwing', () => {
    expect(gradeJsonSchema('{"total": 3', schema).reason).toContain('no JSON');
    expect(gradeJsonSchema('{'.repeat(100_000), schema).passed).toBe(false);
    const huge = `{"total": 1, "pad": "${'x'.repeat(2_000_000)}"}`;
    expect(responseJson(huge)).toBeUndefined();
    expect(gradeJsonSchema(huge, schema).passed).toBe(false);
  });
});

describe('json_match', () => {
  it('compares the value at a JSON Pointer', () => {
    const response = '{"vendor": {"name": "ACME"}, "lines": [{"sku": "a/b"}], "a/b": 1, "m~n": 2}';
    expect(gradeJsonMatch(response, { pointer: '/vendor/name', value: 'ACME' }).passed).toBe(true);
    expect(gradeJsonMatch(response, { pointer: '/lines/0/sku', value: 'a/b' }).passed).toBe(true);
    expect(gradeJsonMatch(response, { pointer: '/a~1b', value: 1 }).passed).toBe(true);
    expect(gradeJsonMatch(response, { pointer: '/m~0n', value: 2 }).passed).toBe(true);
    expect(gradeJsonMatch(response, { pointer: '/vendor', value: { name: 'ACME' } }).passed).toBe(true);
    expect(gradeJsonMatch(response, { pointer: '/vendor/name', value: 'Acme' }).passed).toBe(false);
    expect(gradeJsonMatch(response, { pointer: '/lines/1', value: 1 }).reason).toContain('nothing at');
    expect(gradeJsonMatch('not json', { pointer: '/x', value: 1 }).passed).toBe(false);
    expect(gradeJsonMatch('{"__proto__": 1}', { pointer: '/constructor', value: 1 }).passed).toBe(false);
  });
});

describe('llm_rubric verdicts', () => {
  it('parses the rating like MT-Bench and maps it to [0, 1] on the scale', () => {
    expect(rubricVerdict('Good summary. Rating: [[10]]', { min: 1, max: 10 })).toMatchObject({
      score: 1,
      passed: true,
    });
    const half = rubricVerdict('Misses a point. [[3]]', { min: 1, max: 5 });
    expect(half).toMatchObject({ score: 0.5, passed: false });
    expect(half.reason).toContain('Misses a point');
    expect(rubricVerdict('[[4]]', { min: 1, max: 5 }, 4).passed).toBe(true);
    expect(rubricVerdict('no rating here', { min: 1, max: 10 }).score).toBeNull();
    expect(rubricVerdict('[[11]]', { min: 1, max: 10 }).score).toBeNull();
  });
});
