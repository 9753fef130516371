import { describe, expect, it } from 'vitest';
import { getBenchmark, getProtocol, listBenchmarks } from './registry.ts';

describe('benchmark registry: TruthfulQA, CMMLU, C-Eval', () => {
  it('lists them with their protocols, a chat protocol as default and log-likelihood ones after it', () => {
    const listed = listBenchmarks()
      .filter((benchmark) => ['truthfulqa', 'cmmlu', 'ceval'].includes(benchmark.id))
      .map((benchmark) => ({
        id: benchmark.id,
        defaultProtocol: benchmark.defaultProtocol,
        protocols: benchmark.protocols.map(
          (protocol) => `${protocol.id}${protocol.kind === 'loglikelihood' ? ' (loglik)' : ''}`,
        ),
      }));
    expect(listed).toEqual([
      {
        id: 'cmmlu',
        defaultProtocol: 'cmmlu.gen.5shot',
        protocols: ['cmmlu.gen.5shot', 'cmmlu.gen.0shot', 'cmmlu.loglik.5shot (loglik)'],
      },
      {
        id: 'ceval',
        defaultProtocol: 'ceval.gen.5shot',
        protocols: ['ceval.gen.5shot', 'ceval.gen.0shot', 'ceval.loglik.5shot (loglik)'],
      },
      {
        id: 'truthfulqa',
        defaultProtocol: 'truthfulqa.mc1.parity.cot.0shot',
        protocols: [
          'truthfulqa.mc1.parity.cot.0shot',
          'truthfulqa.mc1.loglik.6shot (loglik)',
          'truthfulqa.mc2.loglik.6shot (loglik)',
        ],
      },
    ]);
  });

  it('reports the category figures after the overall ones', () => {
    const names = (benchmark: string) =>
      getProtocol(getBenchmark(benchmark)).metrics.map((metric) => metric.name);
    expect(names('cmmlu')).toEqual([
      'accuracy',
      'accuracy_macro',
      'accuracy_stem',
      'accuracy_humanities',
      'accuracy_social_science',
      'accuracy_other',
      'accuracy_china_specific',
    ]);
    expect(names('ceval')).toEqual([
      'accuracy',
      'accuracy_macro',
      'accuracy_stem',
      'accuracy_social_science',
      'accuracy_humanities',
      'accuracy_other',
      'accuracy_hard',
    ]);
  });
});
