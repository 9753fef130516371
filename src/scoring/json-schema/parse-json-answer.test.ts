import { describe, expect, it } from 'vitest';
import { parseJsonAnswer } from './parse-json-answer.ts';

describe('parseJsonAnswer (lm-eval jsonschema_bench metrics.py reading)', () => {
  it('accepts bare JSON and JSON in a Markdown fence, with surrounding whitespace', () => {
    expect(parseJsonAnswer('  {"a": 1}\n')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonAnswer('```json\n{"a": [1, 2]}\n```')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonAnswer('```\n[true]\n```')).toEqual({ ok: true, value: [true] });
  });

  it('rejects prose around the JSON, and keeps upstream’s character strip (a bare null loses its n)', () => {
    expect(parseJsonAnswer('Sure: {"a": 1}').ok).toBe(false);
    expect(parseJsonAnswer('{"a": 1} hope this helps').ok).toBe(false);
    expect(parseJsonAnswer('null').ok).toBe(false);
    expect(parseJsonAnswer('"json"').ok).toBe(true);
  });
});
