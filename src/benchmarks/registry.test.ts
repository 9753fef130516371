import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { getBenchmark, getProtocol, listBenchmarks } from './registry.ts';

describe('benchmark registry', () => {
  it('lists the benchmarks with their protocols, default first', () => {
    // Other benchmarks are checked in their own tests below, so adding one does not change this list.
    expect(
      listBenchmarks()
        .filter((benchmark) => ['mmlu', 'gsm8k'].includes(benchmark.id))
        .map((benchmark) => ({
          id: benchmark.id,
          defaultProtocol: benchmark.defaultProtocol,
          protocols: benchmark.protocols.map((protocol) => protocol.id),
        })),
    ).toEqual([
      {
        id: 'mmlu',
        defaultProtocol: 'mmlu.gen.5shot',
        protocols: ['mmlu.gen.5shot', 'mmlu.cot.0shot', 'mmlu.cot.0shot.greedy', 'mmlu.loglik.5shot'],
      },
      {
        id: 'gsm8k',
        defaultProtocol: 'gsm8k.cot.8shot',
        protocols: ['gsm8k.cot.8shot', 'gsm8k.cot.8shot.llama'],
      },
    ]);
  });

  it('lists MGSM, BBH, ARC and IFEval with their protocols, default first', () => {
    const listed = listBenchmarks()
      .filter((benchmark) => ['mgsm', 'bbh', 'arc', 'ifeval'].includes(benchmark.id))
      .map((benchmark) => ({
        id: benchmark.id,
        defaultProtocol: benchmark.defaultProtocol,
        protocols: benchmark.protocols.map((protocol) => protocol.id),
      }));
    expect(listed).toEqual([
      {
        id: 'mgsm',
        defaultProtocol: 'mgsm.cot.0shot',
        protocols: ['mgsm.cot.0shot', 'mgsm.cot.0shot.greedy'],
      },
      {
        id: 'bbh',
        defaultProtocol: 'bbh.cot.3shot',
        protocols: ['bbh.cot.3shot', 'bbh.direct.3shot', 'bbh.cot.3shot.lmeval', 'bbh.direct.3shot.lmeval'],
      },
      {
        id: 'arc',
        defaultProtocol: 'arc.chat.0shot',
        protocols: ['arc.chat.0shot', 'arc.loglik.0shot', 'arc.parity.cot.0shot'],
      },
      { id: 'ifeval', defaultProtocol: 'ifeval.0shot', protocols: ['ifeval.0shot'] },
    ]);
  });

  it('every protocol names its benchmark and lists metrics headline first', () => {
    for (const benchmark of listBenchmarks()) {
      for (const protocol of benchmark.protocols) {
        expect(protocol.benchmark).toBe(benchmark.id);
        expect(protocol.version).toBeGreaterThanOrEqual(1);
      }
    }
    expect(getProtocol(getBenchmark('mmlu')).metrics.map((metric) => metric.name)).toEqual([
      'accuracy',
      'accuracy_macro',
    ]);
    expect(getProtocol(getBenchmark('gsm8k')).metrics.map((metric) => metric.name)).toEqual([
      'accuracy_flexible',
      'accuracy_strict',
    ]);
  });

  it('finds a benchmark by id and rejects an unknown one, listing the known ids', () => {
    expect(getBenchmark('gsm8k').id).toBe('gsm8k');
    expect(() => getBenchmark('hellaswag')).toThrow(
      new InputError(
        `unknown benchmark "hellaswag"; known benchmarks: ${listBenchmarks()
          .map((benchmark) => benchmark.id)
          .join(', ')}`,
      ),
    );
  });

  it("resolves a renamed protocol's former id, so runs stored under it still read", () => {
    expect(getProtocol(getBenchmark('arc'), 'arc.challenge').id).toBe('arc.parity.cot.0shot');
  });

  it('returns the default protocol when none is asked for, and rejects an unknown one', () => {
    const mmlu = getBenchmark('mmlu');
    expect(getProtocol(mmlu).id).toBe('mmlu.gen.5shot');
    expect(getProtocol(mmlu, 'mmlu.cot.0shot').id).toBe('mmlu.cot.0shot');
    expect(() => getProtocol(mmlu, 'mmlu.loglik')).toThrow(InputError);
    expect(() => getProtocol(mmlu, 'mmlu.loglik')).toThrow(
      'unknown protocol "mmlu.loglik" for mmlu; valid protocols: mmlu.gen.5shot, mmlu.cot.0shot, mmlu.cot.0shot.greedy, mmlu.loglik.5shot',
    );
  });
});
