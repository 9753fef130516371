import type { BenchHardware, BenchLoad, BenchSlo } from '../../../spec/index.ts';
import { InputError } from '../../../spec/index.ts';
import { parseList, parseWholeNumber } from '../../parse-options.ts';

/** Parses a positive decimal flag value ('0.5', '2'); bad values name the flag. */
export function parsePositiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InputError(`expected a positive number, got '${value}'`, { location: flag });
  }
  return number;
}

/**
 * The sweep's steps from `--concurrency 1,16,64` or `--request-rate 2,4,inf [--burstiness B]`, sorted by
 * increasing load and without repeats. Exactly one of the two flags must be given.
 */
export function parseBenchLoads(flags: {
  concurrency?: string;
  requestRate?: string;
  burstiness?: string;
}): BenchLoad[] {
  if ((flags.concurrency === undefined) === (flags.requestRate === undefined)) {
    throw new InputError('give exactly one of --concurrency N[,N…] and --request-rate R[,R…]', {
      location: '--concurrency/--request-rate',
    });
  }
  const burstiness = parsePositiveNumber('--burstiness', flags.burstiness) ?? 1;
  if (flags.concurrency !== undefined) {
    if (flags.burstiness !== undefined) {
      throw new InputError('only applies with --request-rate', { location: '--burstiness' });
    }
    const values = parseList(flags.concurrency).map(
      (part) => parseWholeNumber('--concurrency', part) as number,
    );
    if (values.length === 0) throw new InputError('expected N[,N…]', { location: '--concurrency' });
    return [...new Set(values)]
      .sort((a, b) => a - b)
      .map((concurrency) => ({ type: 'concurrency', concurrency }));
  }
  const rates = parseList(flags.requestRate).map((part) =>
    part === 'inf' ? Number.POSITIVE_INFINITY : (parsePositiveNumber('--request-rate', part) as number),
  );
  if (rates.length === 0) throw new InputError('expected R[,R…]', { location: '--request-rate' });
  return [...new Set(rates)]
    .sort((a, b) => a - b)
    .map((requestRate) => ({ type: 'request-rate', requestRate, burstiness }));
}

/**
 * `--slo ttft=200,tpot=50,e2el=5000` (milliseconds) → BenchSlo. vLLM's `--goodput` spelling is accepted too:
 * `ttft:200` pairs, separated by commas or spaces (`--slo "ttft:200 tpot:50"`).
 */
export function parseSlo(value: string | undefined): BenchSlo | undefined {
  if (value === undefined) return undefined;
  const slo: { ttftMs?: number; tpotMs?: number; e2elMs?: number } = {};
  const keys = { ttft: 'ttftMs', tpot: 'tpotMs', e2el: 'e2elMs' } as const;
  const parts = value
    .replace(/\s*([=:])\s*/g, '$1')
    .split(/[\s,]+/)
    .filter((part) => part !== '');
  for (const part of parts) {
    const [name = '', milliseconds = ''] = part.split(/[=:]/).map((side) => side.trim());
    if (!(name in keys)) {
      throw new InputError(`unknown objective '${name}' (expected ttft, tpot, e2el)`, { location: '--slo' });
    }
    const number = Number(milliseconds);
    if (milliseconds === '' || !Number.isFinite(number) || number <= 0) {
      throw new InputError(`'${part}' needs a positive number of milliseconds`, { location: '--slo' });
    }
    slo[keys[name as keyof typeof keys]] = number;
  }
  if (Object.keys(slo).length === 0) {
    throw new InputError('expected ttft=MS,tpot=MS,e2el=MS or ttft:MS … (any of them)', {
      location: '--slo',
    });
  }
  return slo;
}

const precisions = ['bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;

/**
 * `--gpu H100-80GBx8` → `{ gpu: 'H100-80GB', gpuCount: 8 }` (`x` or `×`; no count = `--gpus`, default 1), with
 * `--precision`. `--gpus` must agree with a count given in `--gpu`.
 */
export function parseBenchHardware(flags: {
  gpu?: string;
  gpus?: string;
  precision?: string;
}): BenchHardware | undefined {
  if (flags.precision !== undefined && !(precisions as readonly string[]).includes(flags.precision)) {
    throw new InputError(`'${flags.precision}' is not one of ${precisions.join(', ')}`, {
      location: '--precision',
    });
  }
  if (flags.gpu === undefined) {
    if (flags.precision !== undefined)
      throw new InputError('give --gpu with --precision', { location: '--precision' });
    return undefined;
  }
  const match = /^(.*?[^\s])(?:\s*[x×]\s*(\d+))?$/i.exec(flags.gpu.trim());
  const type = match?.[1];
  if (!match || !type || /^\d+$/.test(type)) {
    throw new InputError(`'${flags.gpu}' is not TYPE or TYPExCOUNT (e.g. H100-80GBx8)`, {
      location: '--gpu',
    });
  }
  const fromFlag = parseWholeNumber('--gpus', flags.gpus);
  const count = match[2] === undefined ? (fromFlag ?? 1) : Number(match[2]);
  if (count < 1)
    throw new InputError(`'${flags.gpu}': the GPU count must be at least 1`, { location: '--gpu' });
  if (match[2] !== undefined && fromFlag !== undefined && fromFlag !== 1 && fromFlag !== count) {
    throw new InputError(`--gpu says ${count} GPUs but --gpus says ${fromFlag}`, { location: '--gpus' });
  }
  return {
    gpu: type,
    gpuCount: count,
    ...(flags.precision === undefined
      ? {}
      : { precision: flags.precision as BenchHardware['precision'] & string }),
  };
}
