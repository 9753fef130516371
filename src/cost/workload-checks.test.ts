import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { parseWorkload, workloadContextTokens, workloadSchema } from './workload.ts';

function failure(text: string): InputError {
  try {
    parseWorkload({ text, file: 'w.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const parses = (text: string): boolean => parseWorkload({ text, file: 'w.yaml' }).name === 'w';

describe('parseWorkload: monthly mix against the average request', () => {
  // Requests of 3,000 in / 1,000 out: 3 input tokens per output token. Up to 25% either way is accepted:
  // 3.75 (3.75 / 3 = 1.25) and 2.25 (2.25 / 3 = 0.75) are on the edge.
  const request = 'average_request: { input_tokens: 3000, output_tokens: 1000 }\n';

  it('accepts a mix up to 25% away from the requests’ ratio, on both sides', () => {
    expect(parses(`name: w\ntokens_per_month: { input: 3750000, output: 1000000 }\n${request}`)).toBe(true);
    expect(parses(`name: w\ntokens_per_month: { input: 2250000, output: 1000000 }\n${request}`)).toBe(true);
  });

  it('refuses a mix beyond 25%, with both ratios and the input share that would agree', () => {
    // 3.76 input per output: 3.76 / 3 − 1 = 0.2533 > 0.25. Input share 3.76 / 4.76 = 0.79; agreeing: 3/4 = 0.75.
    expect(
      failure(`name: w\ntokens_per_month: { input: 3760000, output: 1000000 }\n${request}`).message,
    ).toBe(
      'w.yaml: tokens_per_month: 3.8 input tokens per output token (input share 0.79) contradicts average_request (3000 / 1000 = 3.0); make them agree (input share 0.75 for these requests)',
    );
    // 2.2 input per output: 1 − 2.2 / 3 = 0.267 > 0.25. Input share 2.2 / 3.2 = 0.6875 → 0.69.
    expect(
      failure(`name: w\ntokens_per_month: { input: 2200000, output: 1000000 }\n${request}`).message,
    ).toBe(
      'w.yaml: tokens_per_month: 2.2 input tokens per output token (input share 0.69) contradicts average_request (3000 / 1000 = 3.0); make them agree (input share 0.75 for these requests)',
    );
  });

  it('does not hold the default request size against the volume', () => {
    // Default 1,000 / 300 (3.33); 10:1 would be refused against it if it counted.
    expect(parses('name: w\ntokens_per_month: { input: 10000000, output: 1000000 }\n')).toBe(true);
  });
});

describe('parseWorkload: peak against the average rate', () => {
  // 2.628e9 output tokens a month at 100 per request: 2.628e7 requests ÷ (730 × 3,600 s) = 10 requests/s.
  const volume =
    'name: w\ntokens_per_month: { input: 7884000000, output: 2628000000 }\naverage_request: { input_tokens: 300, output_tokens: 100 }\n';

  it('accepts a peak at or above the average rate, or none', () => {
    expect(parses(`${volume}peak_requests_per_second: 10\n`)).toBe(true);
    expect(parses(`${volume}peak_requests_per_second: 50\n`)).toBe(true);
    expect(parses(`${volume}peak_requests_per_second: 0\n`)).toBe(true);
    expect(parses(volume)).toBe(true);
  });

  it('refuses a peak below it, showing the average rate', () => {
    expect(failure(`${volume}peak_requests_per_second: 9.9\n`).message).toBe(
      'w.yaml: peak_requests_per_second: 9.9 is below the average rate the monthly volume implies (10.00/s = output tokens ÷ average_request.output_tokens ÷ 730 h)',
    );
  });
});

describe('parseWorkload: KV reservation against the request', () => {
  const base =
    'name: w\ntokens_per_month: { input: 3000, output: 1000 }\naverage_request: { input_tokens: 3000, output_tokens: 1000 }\n';

  it('accepts a reservation as long as an average request', () => {
    expect(
      parseWorkload({ text: `${base}self_hosting: { context_tokens: 4000 }\n`, file: 'w.yaml' }).selfHosting
        .contextTokens,
    ).toBe(4000);
  });

  it('refuses a shorter one', () => {
    expect(failure(`${base}self_hosting: { context_tokens: 3999 }\n`).message).toBe(
      'w.yaml: self_hosting.context_tokens: 3999 is shorter than an average request (3000 + 1000 tokens)',
    );
  });

  it('reports a field error before any contradiction, and an error is exit code 2', () => {
    const error = failure(`${base}self_hosting: { context_tokens: -5 }\n`);
    expect(error.message).toMatch(/^w\.yaml: self_hosting\.context_tokens: /);
    expect(error.exitCode).toBe(2);
  });
});

describe('parseWorkload: volume as a total and an input share', () => {
  it('splits the total by the share', () => {
    // 1e9 × 0.6 = 6e8 input, 1e9 × 0.4 = 4e8 output.
    const workload = parseWorkload({
      text: 'name: w\ntokens_per_month: { total: 1000000000, input_share: 0.6, cached_input_share: 0.2 }\n',
      file: 'w.yaml',
    });
    expect(workload.tokensPerMonth.input).toBeCloseTo(6e8, 3);
    expect(workload.tokensPerMonth.output).toBeCloseTo(4e8, 3);
    expect(workload.tokensPerMonth.cachedInputShare).toBe(0.2);
  });
});

describe('workloadContextTokens', () => {
  const workload = (overrides: Record<string, unknown>) =>
    workloadSchema.parse({ name: 'w', tokensPerMonth: { input: 3, output: 1 }, ...overrides });

  it('is the workload’s reservation when it gives one', () => {
    expect(workloadContextTokens(workload({ selfHosting: { contextTokens: 2048 } }))).toBe(2048);
  });

  it('is at least 4,096, else the average request rounded up', () => {
    // Default request 1,000 + 300 = 1,300 → 4,096.
    expect(workloadContextTokens(workload({}))).toBe(4096);
    expect(
      workloadContextTokens(workload({ averageRequest: { inputTokens: 3000, outputTokens: 1096 } })),
    ).toBe(4096);
    // 5,000.5 + 300 = 5,300.5 → 5,301.
    expect(
      workloadContextTokens(workload({ averageRequest: { inputTokens: 5000.5, outputTokens: 300 } })),
    ).toBe(5301);
  });
});
