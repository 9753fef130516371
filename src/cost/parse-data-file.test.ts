import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../spec/index.ts';
import { camelCase, camelCaseKeys, fieldPath, snakeCase } from './camel-case-keys.ts';
import { parseDataFile } from './parse-data-file.ts';

// A small schema in the style of the workload file: nested objects, lists, strict keys.
const schema = z.strictObject({
  name: z.string().min(1),
  selfHosting: z
    .strictObject({
      gpuTypes: z.array(z.string().min(1)).optional(),
      gpuHourlyUsd: z.array(z.strictObject({ gpu: z.string(), usd: z.number().nonnegative() })).optional(),
    })
    .optional(),
  shared: z.unknown().optional(),
});

/** The InputError a parse throws (fails the test when none is thrown). */
function failure(text: string, file = 'data.yaml'): InputError {
  try {
    parseDataFile({ text, file, schema });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseDataFile', () => {
  it('reads snake_case YAML into the camelCase type', () => {
    expect(
      parseDataFile({
        text: 'name: w\nself_hosting:\n  gpu_types: [h100]\n  gpu_hourly_usd:\n    - { gpu: h100, usd: 2.5 }\n',
        file: 'data.yaml',
        schema,
      }),
    ).toEqual({ name: 'w', selfHosting: { gpuTypes: ['h100'], gpuHourlyUsd: [{ gpu: 'h100', usd: 2.5 }] } });
  });

  it('reports invalid YAML on one line naming the file, exit code 2, with the parser error as cause', () => {
    const error = failure('name: [', 'broken.yaml');
    // yaml's own message is several lines (position and a caret); only its first line is kept.
    expect(error.message).toBe(
      'broken.yaml: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 8:',
    );
    expect(error.exitCode).toBe(2);
    expect(error.location).toBe('broken.yaml');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('refuses an alias inside the node it names, in a map and in a list', () => {
    const message = 'a YAML alias refers to a node that contains it (the value would be infinite)';
    expect(failure('name: w\nshared: &a { b: *a }\n', 'loop.yaml').message).toBe(`loop.yaml: ${message}`);
    expect(failure('name: w\nshared: &a [1, [2, *a]]\n', 'loop.yaml').message).toBe(`loop.yaml: ${message}`);
    expect(failure('&top { name: w, shared: *top }\n', 'loop.yaml').message).toBe(`loop.yaml: ${message}`);
  });

  it('accepts null values anywhere (a null is no node that could contain itself)', () => {
    expect(
      parseDataFile({ text: 'name: w\nshared: { a: null, b: [~, 1] }\n', file: 'data.yaml', schema }).shared,
    ).toEqual({ a: null, b: [null, 1] });
    expect(parseDataFile({ text: 'name: w\nshared: ~\n', file: 'data.yaml', schema }).shared).toBeNull();
  });

  it('accepts the same node named twice side by side (shared, not circular)', () => {
    // Both entries and the anchor are one object; none contains itself.
    const parsed = parseDataFile({
      text: 'name: w\nshared:\n  base: &x { k: 1 }\n  list: [*x, *x, { deeper: [*x] }]\n',
      file: 'data.yaml',
      schema,
    });
    expect(parsed.shared).toEqual({ base: { k: 1 }, list: [{ k: 1 }, { k: 1 }, { deeper: [{ k: 1 }] }] });
  });

  it('names one unknown field as written, at the top level and nested', () => {
    expect(failure('name: w\nutilisation: 0.5\n').message).toBe('data.yaml: utilisation: unknown field');
    expect(failure('name: w\nself_hosting: { gpu_typos: [h100] }\n').message).toBe(
      'data.yaml: self_hosting.gpu_typos: unknown field',
    );
    expect(
      failure('name: w\nself_hosting:\n  gpu_hourly_usd: [{ gpu: a, usd: 1, cloud_name: x }]\n').message,
    ).toBe('data.yaml: self_hosting.gpu_hourly_usd[0].cloud_name: unknown field');
  });

  it('names several unknown fields together, in the plural', () => {
    expect(failure('name: w\nfirst_typo: 1\nsecond_typo: 2\n').message).toBe(
      'data.yaml: first_typo, second_typo: unknown fields',
    );
  });

  it('names the field of a wrong value, or none when the whole document is wrong', () => {
    expect(failure('name: w\nself_hosting:\n  gpu_hourly_usd: [{ gpu: a, usd: -1 }]\n').message).toMatch(
      /^data\.yaml: self_hosting\.gpu_hourly_usd\[0\]\.usd: \S/,
    );
    expect(failure('name: ""\n').message).toMatch(/^data\.yaml: name: \S/);
    // A plain string is no object: zod's issue has an empty path, so no field is named.
    const whole = failure('just text\n').message;
    expect(whole).toMatch(/^data\.yaml: Invalid input/);
    expect(whole).not.toMatch(/^data\.yaml: :/);
    expect(whole).not.toContain('invalid');
  });
});

describe('camelCaseKeys and field names', () => {
  it('converts snake_case keys, digits included, in nested objects and lists, and leaves values alone', () => {
    expect(camelCase('gpu_hourly_usd')).toBe('gpuHourlyUsd');
    expect(camelCase('above_128k_tokens')).toBe('above128kTokens');
    expect(camelCase('plain')).toBe('plain');
    expect(
      camelCaseKeys({
        top_level: [{ inner_key: 'snake_value' }, 3, null],
        nested_map: { deep_er: { x_y: true } },
        nothing_here: null,
      }),
    ).toEqual({
      topLevel: [{ innerKey: 'snake_value' }, 3, null],
      nestedMap: { deepEr: { xY: true } },
      nothingHere: null,
    });
    expect(camelCaseKeys('some_text')).toBe('some_text');
    expect(camelCaseKeys(null)).toBeNull();
  });

  it('writes camelCase names and zod paths back as the user wrote them', () => {
    expect(snakeCase('gpuHourlyUsd')).toBe('gpu_hourly_usd');
    expect(snakeCase('plain')).toBe('plain');
    expect(fieldPath(['selfHosting', 'gpuTypes', 0])).toBe('self_hosting.gpu_types[0]');
    expect(fieldPath(['prices', 2, 'asOf'])).toBe('prices[2].as_of');
    expect(fieldPath([1, 'inputTokens'])).toBe('[1].input_tokens');
    expect(fieldPath([])).toBe('');
  });
});
