import { describe, expect, it } from 'vitest';
import { expectAllClose, expectClose, statsReference } from '../../test/support/stats-reference.ts';
import { passAtKSummary } from './pass-at-k-summary.ts';

describe('passAtKSummary intervals (statsmodels cluster SE; seeded bootstrap re-implemented with numpy)', () => {
  const { code } = statsReference.per_run;
  const samples = code.samples.flatMap((values, problem) =>
    values.map((passed) => ({ itemId: `p${problem}`, scores: { passed } })),
  );

  it('pass@1: the samples of one problem form one cluster; pass@k ≥ 2: seeded percentile bootstrap', () => {
    const { summary, metrics } = passAtKSummary(samples, {
      itemScore: 'passed',
      bootstrap: { resamples: code.pass3.resamples, seed: code.pass3.seed },
    });
    expect(metrics.map((metric) => metric.name)).toEqual(['pass@1', 'pass@2', 'pass@3', 'pass@4', 'pass@5']);
    const pass1 = summary.metrics['pass@1'];
    expect(pass1).toMatchObject({ n: 15, method: 'clustered', clusters: 15 });
    expectClose(pass1?.value ?? Number.NaN, code.pass1.value, 'pass@1');
    expectAllClose(pass1?.ci95 ?? [], code.pass1.ci95, 'pass@1 ci');
    const pass3 = summary.metrics['pass@3'];
    expect(pass3).toMatchObject({ n: 15, method: 'bootstrap-percentile', resamples: 2000, seed: 0 });
    expectClose(pass3?.value ?? Number.NaN, code.pass3.value, 'pass@3');
    expectAllClose(pass3?.ci95 ?? [], code.pass3.ci95, 'pass@3 ci');
  });

  it('is reproducible: the default bootstrap is 10,000 resamples with seed 0', () => {
    const first = passAtKSummary(samples, { itemScore: 'passed' }).summary.metrics['pass@2'];
    const second = passAtKSummary(samples, { itemScore: 'passed' }).summary.metrics['pass@2'];
    expect(first).toEqual(second);
    expect(first).toMatchObject({ resamples: 10_000, seed: 0 });
  });

  it('one sample per problem: Wilson over problems, as before', () => {
    const greedy = [1, 0, 1, 1].map((passed, problem) => ({ itemId: `p${problem}`, scores: { passed } }));
    const { summary } = passAtKSummary(greedy, { itemScore: 'passed' });
    expect(Object.keys(summary.metrics)).toEqual(['pass@1']);
    expect(summary.metrics['pass@1']).toMatchObject({ value: 0.75, n: 4, method: 'wilson' });
  });

  it('reports further scores after the headline under their prefix (EvalPlus: base_pass@k)', () => {
    // Two problems, two samples each: plus passes 1 of 2 and 0 of 2; base passes 2 of 2 and 1 of 2.
    const samples = [
      { itemId: 'a', scores: { passed: 1, base_passed: 1 } },
      { itemId: 'a', scores: { passed: 0, base_passed: 1 } },
      { itemId: 'b', scores: { passed: 0, base_passed: 1 } },
      { itemId: 'b', scores: { passed: 0, base_passed: 0 } },
    ];
    const { summary, metrics } = passAtKSummary(samples, {
      itemScore: 'passed',
      also: [{ itemScore: 'base_passed', prefix: 'base_' }],
    });
    expect(metrics.map((metric) => [metric.name, metric.itemScore])).toEqual([
      ['pass@1', 'passed'],
      ['pass@2', 'passed'],
      ['base_pass@1', 'base_passed'],
      ['base_pass@2', 'base_passed'],
    ]);
    expect(summary.metrics['pass@1']?.value).toBe(0.25);
    expect(summary.metrics['pass@2']?.value).toBe(0.5);
    expect(summary.metrics['base_pass@1']?.value).toBe(0.75);
    expect(summary.metrics['base_pass@2']?.value).toBe(1);
  });
});
