import { describe, expect, it } from 'vitest';

// The answer pattern is a module constant: the test loads the module itself (dynamic import), so the mutation
// run attributes the pattern to a test that checks it (decision 0302). Cases worked by hand from the BBH
// authors' Python `re.search(r"So the answer is (.*?)\.?$", text)` (no flags: `$` is the end or before a final
// newline, `.` stops at a newline).
describe('BBH authors\' "So the answer is X" pattern', () => {
  it('reads the rest of the last line, without one final period, and nothing when text follows on a later line', async () => {
    const { extractBbhCotAnswer } = await import('./bbh-scoring.ts');
    expect(extractBbhCotAnswer('Reasoning. So the answer is False.')).toBe('False');
    expect(extractBbhCotAnswer('So the answer is (B)')).toBe('(B)');
    expect(extractBbhCotAnswer('So the answer is 24.\n')).toBe('24');
    expect(extractBbhCotAnswer('So the answer is 2.5..')).toBe('2.5.');
    expect(extractBbhCotAnswer('So the answer is False.\nMore text.')).toBeNull();
    expect(extractBbhCotAnswer('So the answer is False.\n\nQ: next')).toBe('False');
  });
});
