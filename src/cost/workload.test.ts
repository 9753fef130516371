import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { parseWorkload, type Workload } from './workload.ts';

const examples = resolve(import.meta.dirname, '../../examples/workloads');

describe('parseWorkload', () => {
  it('reads every example workload', () => {
    const files = readdirSync(examples).filter((name) => name.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const name of files) {
      const file = join(examples, name);
      expect(parseWorkload({ text: readFileSync(file, 'utf8'), file }).name).not.toBe('');
    }
  });

  it('fills defaults and converts a total with an input share', () => {
    const workload = parseWorkload({
      text: 'name: w\ntokens_per_month: { total: 4000, input_share: 0.75 }\n',
      file: 'w.yaml',
    });
    expect(workload.tokensPerMonth).toEqual({ input: 3000, output: 1000, cachedInputShare: 0 });
    expect(workload).toMatchObject({
      horizonMonths: 12,
      utilization: 0.5,
      constraints: { onPremises: false, commercialUse: true, fineTuning: false },
      selfHosting: { precisions: ['bf16', 'fp8'], concurrentSequences: 16 },
    });
  });

  it('names the file and the field as written in the file, and exits 2', () => {
    const bad =
      'name: w\ntokens_per_month: { input: 10, output: 5 }\nself_hosting:\n  precisions: [bf16, fp4]\n';
    let error: unknown;
    try {
      parseWorkload({ text: bad, file: 'bad.yaml' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect((error as InputError).message).toMatch(/^bad\.yaml: self_hosting\.precisions\[1\]: /);
    expect(() =>
      parseWorkload({
        text: 'name: w\ntokens_per_month: { input: 1, output: 1 }\nutilisation: 0.5\n',
        file: 'x.yaml',
      }),
    ).toThrow(/^x\.yaml: .*utilisation/);
    expect(() => parseWorkload({ text: 'name: [', file: 'y.yaml' })).toThrow(/^y\.yaml: not valid YAML/);
  });
});

describe('parseWorkload: contradictions and unknown fields', () => {
  const parse = (text: string): Workload => parseWorkload({ text, file: 'w.yaml' });
  const error = (text: string): string => {
    try {
      parse(text);
    } catch (caught) {
      expect(caught).toBeInstanceOf(InputError);
      return (caught as InputError).message;
    }
    throw new Error('expected an InputError');
  };

  it('flags an input share that contradicts the request sizes (issue 20: 0.8 vs 4,000/600)', () => {
    const message = error(
      'name: w\ntokens_per_month: { total: 2000000000, input_share: 0.8 }\naverage_request: { input_tokens: 4000, output_tokens: 600 }\n',
    );
    expect(message).toMatch(
      /^w\.yaml: tokens_per_month: 4\.0 input tokens per output token .* contradicts average_request \(4000 \/ 600 = 6\.7\).*input share 0\.87/,
    );
    expect(message.split('\n')).toHaveLength(1);
    // Agreeing figures pass; a defaulted average_request is not held against the volume.
    expect(
      parse(
        'name: w\ntokens_per_month: { total: 2000000000, input_share: 0.87 }\naverage_request: { input_tokens: 4000, output_tokens: 600 }\n',
      ).name,
    ).toBe('w');
    expect(parse('name: w\ntokens_per_month: { total: 2000000000, input_share: 0.5 }\n').name).toBe('w');
  });

  it('names an unknown field as written, nested ones with their path', () => {
    expect(
      error('name: w\ntokens_per_month: { input: 10, output: 5 }\nself_hosting: { gpu_typos: [h100] }\n'),
    ).toBe('w.yaml: self_hosting.gpu_typos: unknown field');
    expect(error('name: w\ntokens_per_month: { input: 10, output: 5 }\nutilisation: 0.5\n')).toBe(
      'w.yaml: utilisation: unknown field',
    );
  });

  it('refuses a peak below the average rate and a KV reservation shorter than a request', () => {
    expect(
      error(
        'name: w\ntokens_per_month: { input: 30000000000, output: 10000000000 }\naverage_request: { input_tokens: 300, output_tokens: 100 }\npeak_requests_per_second: 1\n',
      ),
    ).toMatch(/^w\.yaml: peak_requests_per_second: 1 is below the average rate .* \(38\.05\/s/);
    expect(
      error(
        'name: w\ntokens_per_month: { input: 300, output: 100 }\naverage_request: { input_tokens: 3000, output_tokens: 1000 }\nself_hosting: { context_tokens: 2048 }\n',
      ),
    ).toBe(
      'w.yaml: self_hosting.context_tokens: 2048 is shorter than an average request (3000 + 1000 tokens)',
    );
  });
});
