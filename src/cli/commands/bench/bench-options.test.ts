import { describe, expect, it } from 'vitest';
import { parseBenchHardware, parseBenchLoads, parseSlo } from './bench-options.ts';

describe('parseBenchLoads', () => {
  it('sorts and deduplicates concurrency steps', () => {
    expect(parseBenchLoads({ concurrency: '16,1,64,16' })).toEqual([
      { type: 'concurrency', concurrency: 1 },
      { type: 'concurrency', concurrency: 16 },
      { type: 'concurrency', concurrency: 64 },
    ]);
  });

  it('reads request rates with a burstiness and inf', () => {
    expect(parseBenchLoads({ requestRate: 'inf,2.5', burstiness: '0.5' })).toEqual([
      { type: 'request-rate', requestRate: 2.5, burstiness: 0.5 },
      { type: 'request-rate', requestRate: Number.POSITIVE_INFINITY, burstiness: 0.5 },
    ]);
  });

  it('names the flag of bad input', () => {
    expect(() => parseBenchLoads({})).toThrow(/exactly one of --concurrency/);
    expect(() => parseBenchLoads({ concurrency: '1', requestRate: '2' })).toThrow(/exactly one/);
    expect(() => parseBenchLoads({ concurrency: '0' })).toThrow(/^--concurrency: expected a whole number/);
    expect(() => parseBenchLoads({ requestRate: '-1' })).toThrow(/^--request-rate: expected a positive/);
    expect(() => parseBenchLoads({ concurrency: '4', burstiness: '2' })).toThrow(/^--burstiness/);
  });
});

describe('parseSlo', () => {
  it('reads any of ttft, tpot and e2el in milliseconds', () => {
    expect(parseSlo('ttft=200, tpot=50,e2el=5000')).toEqual({ ttftMs: 200, tpotMs: 50, e2elMs: 5000 });
    expect(parseSlo('tpot=12.5')).toEqual({ tpotMs: 12.5 });
    expect(parseSlo(undefined)).toBeUndefined();
  });

  it("also takes vLLM's --goodput spelling, name:milliseconds separated by spaces or commas", () => {
    expect(parseSlo('ttft:500')).toEqual({ ttftMs: 500 });
    expect(parseSlo('ttft:500 tpot:50')).toEqual({ ttftMs: 500, tpotMs: 50 });
    expect(parseSlo('ttft : 500, e2el=900')).toEqual({ ttftMs: 500, e2elMs: 900 });
    expect(() => parseSlo('ttft:')).toThrow(/^--slo: 'ttft:' needs a positive number/);
  });

  it('rejects unknown objectives and bad numbers', () => {
    expect(() => parseSlo('itl=20')).toThrow(/^--slo: unknown objective 'itl'/);
    expect(() => parseSlo('ttft=fast')).toThrow(/^--slo: 'ttft=fast' needs a positive number/);
  });
});

describe('parseBenchHardware', () => {
  it('reads TYPExCOUNT, TYPE with --gpus, and the precision', () => {
    expect(parseBenchHardware({ gpu: 'H100-80GBx8', precision: 'fp8' })).toEqual({
      gpu: 'H100-80GB',
      gpuCount: 8,
      precision: 'fp8',
    });
    expect(parseBenchHardware({ gpu: 'a100 × 2' })).toEqual({ gpu: 'a100', gpuCount: 2 });
    expect(parseBenchHardware({ gpu: 'L40S', gpus: '4' })).toEqual({ gpu: 'L40S', gpuCount: 4 });
    expect(parseBenchHardware({ gpus: '4' })).toBeUndefined();
  });

  it('names the flag of a bad or contradictory value', () => {
    expect(() => parseBenchHardware({ gpu: '8' })).toThrow(/--gpu|TYPExCOUNT/);
    expect(() => parseBenchHardware({ gpu: 'H100x0' })).toThrow(/at least 1/);
    expect(() => parseBenchHardware({ gpu: 'H100x8', gpus: '4' })).toThrow(
      /--gpu says 8 GPUs but --gpus says 4/,
    );
    expect(() => parseBenchHardware({ gpu: 'H100', precision: 'fp4' })).toThrow(/'fp4' is not one of/);
    expect(() => parseBenchHardware({ precision: 'fp8' })).toThrow(/give --gpu with --precision/);
  });
});
