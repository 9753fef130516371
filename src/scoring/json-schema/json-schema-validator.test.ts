import { describe, expect, it } from 'vitest';
import { compileJsonSchema, draftOf, UnsupportedSchemaError } from './json-schema-validator.ts';

describe('compileJsonSchema', () => {
  it('follows the draft the schema declares: draft-04 boolean exclusiveMaximum, 2020-12 prefixItems', () => {
    const draft04 = compileJsonSchema({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'number',
      maximum: 5,
      exclusiveMaximum: true,
    });
    expect(draft04(4.5).valid).toBe(true);
    expect(draft04(5).valid).toBe(false);
    const draft2020 = compileJsonSchema({ type: 'array', prefixItems: [{ type: 'string' }], items: false });
    expect(draft2020(['a']).valid).toBe(true);
    expect(draft2020(['a', 1]).valid).toBe(false);
    expect(draft2020([1]).valid).toBe(false);
  });

  it('asserts formats, including iri which ajv-formats lacks', () => {
    const check = compileJsonSchema({
      type: 'object',
      properties: { when: { format: 'date-time' }, home: { format: 'iri' }, id: { format: 'uuid' } },
    });
    expect(
      check({
        when: '2024-01-02T03:04:05Z',
        home: 'https://exämple.org/ä',
        id: '123e4567-e89b-12d3-a456-426614174000',
      }).valid,
    ).toBe(true);
    expect(check({ when: 'yesterday' }).valid).toBe(false);
    expect(check({ home: 'not-an-iri' }).valid).toBe(false);
    expect(check({ id: 'x' }).valid).toBe(false);
  });

  it('names the failing path in its errors', () => {
    const check = compileJsonSchema({ type: 'object', properties: { a: { type: 'integer' } } });
    expect(check({ a: 'x' })).toEqual({ valid: false, errors: ['/a must be integer'] });
  });

  it('accepts what real-world schemas carry: `id` under later drafts, `$async`, Python-only regex escapes, meta-schema copies', () => {
    expect(
      compileJsonSchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', id: 'x', type: 'object' })(
        {},
      ).valid,
    ).toBe(true);
    expect(compileJsonSchema({ $async: true, type: 'string' })('a')).toEqual({ valid: true });
    const pattern = compileJsonSchema({ type: 'string', pattern: "^[\\'a-z\\-]+$" });
    expect(pattern("it's-ok").valid).toBe(true);
    expect(pattern('NO').valid).toBe(false);
    const metaCopy = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
    };
    expect(compileJsonSchema(metaCopy)({}).valid).toBe(true);
  });

  it('throws UnsupportedSchemaError for a schema it cannot compile', () => {
    expect(() => compileJsonSchema({ $ref: '#/definitions/missing' })).toThrow(UnsupportedSchemaError);
  });

  it('reads the draft from $schema, 2020-12 when there is none', () => {
    expect(draftOf({ $schema: 'http://json-schema.org/draft-04/schema#' })).toBe('draft-04');
    expect(draftOf({ $schema: 'http://json-schema.org/draft-06/schema' })).toBe('draft-06');
    expect(draftOf({ $schema: 'https://json-schema.org/draft/2019-09/schema' })).toBe('2019-09');
    expect(draftOf({})).toBe('2020-12');
    expect(draftOf(true)).toBe('2020-12');
  });
});
