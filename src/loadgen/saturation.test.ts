import { describe, expect, it } from 'vitest';
import type { BenchStepMetrics } from '../spec/index.ts';
import { saturationReason } from './saturation.ts';

const step = (requestThroughput: number, errorRate = 0): BenchStepMetrics =>
  ({ requestThroughput, errorRate }) as BenchStepMetrics;

describe('saturationReason', () => {
  it('goes on while throughput grows by at least 10% over the best earlier step', () => {
    expect(saturationReason([step(1)])).toBeUndefined();
    expect(saturationReason([step(1), step(1.5)])).toBeUndefined();
    expect(saturationReason([step(1), step(1.5), step(1.7)])).toBeUndefined();
  });

  it('stops when throughput stops growing or errors reach 10%', () => {
    expect(saturationReason([step(1), step(2), step(2.1)])).toMatch(/grew less than 10%/);
    expect(saturationReason([step(1), step(2), step(1.5)])).toMatch(/grew less than 10%/);
    expect(saturationReason([step(1, 0.1)])).toBe('error rate 10.0% ≥ 10%');
  });
});
