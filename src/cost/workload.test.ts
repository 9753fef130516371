import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { parseWorkload } from './workload.ts';

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
