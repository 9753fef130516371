import { describe, expect, it } from 'vitest';
import { generateRunId } from './run-id.ts';

describe('generateRunId', () => {
  it('writes the UTC date and time and four base-36 characters', () => {
    const draws = [0, 0.5, 0.999, 0.1];
    const id = generateRunId({
      date: new Date('2026-11-29T04:35:12.789Z'),
      random: () => draws.shift() ?? 0,
    });
    expect(id).toBe('20261129-043512-0iz3');
  });

  it('sorts ids of later seconds after earlier ones', () => {
    const early = generateRunId({ date: new Date('2026-01-09T23:59:59Z'), random: () => 0.99 });
    const late = generateRunId({ date: new Date('2026-01-10T00:00:00Z'), random: () => 0 });
    expect(early < late).toBe(true);
  });
});
