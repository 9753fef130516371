import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../spec/index.ts';
import { parseJsonLines, readJsonLines } from './jsonl.ts';

const schema = z.object({ question: z.string(), answer: z.string() });

describe('parseJsonLines', () => {
  it('returns validated values with line numbers, skipping blank lines and CRLF', () => {
    const text = '{"question":"q1","answer":"a1"}\r\n\n{"question":"q2","answer":"a2"}\n';
    expect(parseJsonLines(text, { file: 'f.jsonl', schema })).toEqual([
      { line: 1, value: { question: 'q1', answer: 'a1' } },
      { line: 3, value: { question: 'q2', answer: 'a2' } },
    ]);
  });

  it('names file, line and field when the schema fails', () => {
    const text = '{"question":"q1","answer":"a1"}\n{"question":"q2","answer":7}\n';
    let caught: unknown;
    try {
      parseJsonLines(text, { file: 'f.jsonl', schema });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).location).toBe('f.jsonl:2');
    expect((caught as InputError).message).toMatch(/^f\.jsonl:2: field "answer": /);
  });

  it('names file and line for malformed JSON', () => {
    expect(() => parseJsonLines('{"question": "q1",\n', { file: 'g.jsonl', schema })).toThrow(
      /^g\.jsonl:1: invalid JSON: /,
    );
  });

  it('names (root) when the value is not an object', () => {
    expect(() => parseJsonLines('[1]\n', { file: 'h.jsonl', schema })).toThrow(
      /^h\.jsonl:1: field "\(root\)"/,
    );
  });
});

describe('readJsonLines', () => {
  it('reads a file from disk', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-jsonl-'));
    const file = join(directory, 'data.jsonl');
    writeFileSync(file, '{"question":"q","answer":"a"}\n');
    expect(await readJsonLines({ file, schema })).toEqual([
      { line: 1, value: { question: 'q', answer: 'a' } },
    ]);
  });

  it('throws InputError naming a missing file', async () => {
    await expect(readJsonLines({ file: '/nonexistent/x.jsonl', schema })).rejects.toThrow(
      /^\/nonexistent\/x\.jsonl: cannot read file/,
    );
  });
});
