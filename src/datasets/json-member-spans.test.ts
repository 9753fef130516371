import { describe, expect, it } from 'vitest';
import { jsonMemberSpans } from './json-member-spans.ts';

function members(text: string): Record<string, string> {
  return Object.fromEntries(
    [...jsonMemberSpans(text)].map(([key, span]) => [key, text.slice(span.start, span.end)]),
  );
}

describe('jsonMemberSpans', () => {
  it('gives each top-level value as written, bare tokens and big integers included', () => {
    const text =
      '{"a": [[1, "x]\\"}"], {"k": [2]}], "b\\u0041":-Infinity , "c": 123456789012345678901234567890, "d": "s", "e": {}}';
    expect(members(text)).toEqual({
      a: '[[1, "x]\\"}"], {"k": [2]}]',
      bA: '-Infinity',
      c: '123456789012345678901234567890',
      d: '"s"',
      e: '{}',
    });
    expect(members(' {} ')).toEqual({});
  });

  it('refuses text that is not one object', () => {
    expect(() => jsonMemberSpans('[1]')).toThrow('expected a JSON object');
    expect(() => jsonMemberSpans('{"a": [1')).toThrow('unterminated');
    expect(() => jsonMemberSpans('{"a": 1} x')).toThrow('text after the object');
    expect(() => jsonMemberSpans('{"a" 1}')).toThrow("expected ':'");
    expect(() => jsonMemberSpans('{"a": }')).toThrow('expected a value');
  });
});
