import { describe, expect, it } from 'vitest';
import { ProviderError } from '../spec/index.ts';
import { isOverloadError } from './is-overload-error.ts';

const failure = (statusCode: number | undefined, message = 'failed'): ProviderError =>
  new ProviderError({ provider: 'fake', message, isRetryable: true, ...(statusCode ? { statusCode } : {}) });

describe('isOverloadError', () => {
  it('is true for 429, 503 and 529 and for overloaded_error or RESOURCE_EXHAUSTED without a status', () => {
    expect([429, 503, 529].map((status) => isOverloadError(failure(status)))).toEqual([true, true, true]);
    expect(
      isOverloadError(failure(undefined, 'stream error: {"type":"overloaded_error","message":"Overloaded"}')),
    ).toBe(true);
    expect(isOverloadError(failure(undefined, 'RESOURCE_EXHAUSTED: quota'))).toBe(true);
  });

  it('is false for other statuses, timeouts and connection errors', () => {
    expect([400, 401, 404, 408, 500, 502].map((status) => isOverloadError(failure(status)))).toEqual(
      Array<boolean>(6).fill(false),
    );
    expect(isOverloadError(failure(undefined, 'request timed out after 100 ms'))).toBe(false);
    expect(isOverloadError(new Error('ECONNRESET'))).toBe(false);
  });
});
