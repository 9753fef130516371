import { describe, expect, it } from 'vitest';
import { outputLengthWarning } from './bench-output-length.ts';

describe('outputLengthWarning', () => {
  it('warns when the server ended answers early (ignore_eos ignored)', () => {
    expect(
      outputLengthWarning({
        requestedTokens: 128,
        steps: [
          { completed: 10, totalOutputTokens: 240 },
          { completed: 10, totalOutputTokens: 240 },
        ],
      }),
    ).toBe(
      'warning: requested 128 output tokens per request, measured 24.0 on average (the server may ignore ignore_eos/min_tokens); per-request figures measure shorter answers than asked',
    );
  });

  it('says nothing when the lengths agree within 10% or nothing completed', () => {
    expect(
      outputLengthWarning({ requestedTokens: 128, steps: [{ completed: 4, totalOutputTokens: 500 }] }),
    ).toBeUndefined();
    expect(
      outputLengthWarning({ requestedTokens: 128, steps: [{ completed: 0, totalOutputTokens: 0 }] }),
    ).toBeUndefined();
  });
});
