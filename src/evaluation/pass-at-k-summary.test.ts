import { describe, expect, it } from 'vitest';
import { expectAllClose, expectClose, statsReference } from '../../test/support/stats-reference.ts';
import { passAtKSummary, samplingJson, samplingLabel } from './pass-at-k-summary.ts';

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

/** Samples of problems given as their 0/1 results (null: unscored), problem i named `p<i>`. */
function samplesOf(results: readonly (readonly (number | null)[])[]) {
  return results.flatMap((values, problem) =>
    values.map((passed) => ({ itemId: `p${problem}`, scores: { passed } })),
  );
}

describe('passAtKSummary pass@1 (worked by hand)', () => {
  it('per-problem pass rates, clustered by problem: mean ± 1.96 · s/√G, within [0, 1]', () => {
    // Pass rates 1/2, 1/2, 1, 1/2: mean 5/8; residuals −1/8 ×3 and 3/8, s² = (3/64 + 9/64)/3 = 1/16, s = 1/4;
    // SE = s/√4 = 1/8; the interval 5/8 ± 1.959964 · 1/8.
    const { summary } = passAtKSummary(
      samplesOf([
        [1, 0],
        [0, 1],
        [1, 1],
        [1, 0],
      ]),
      { itemScore: 'passed' },
    );
    const pass1 = summary.metrics['pass@1'];
    expect(pass1).toMatchObject({ value: 5 / 8, n: 4, method: 'clustered', clusters: 4 });
    expect(pass1?.ci95[0]).toBeCloseTo(5 / 8 - 1.959964 / 8, 5);
    expect(pass1?.ci95[1]).toBeCloseTo(5 / 8 + 1.959964 / 8, 5);
  });

  it('two problems already take the clustered interval', () => {
    // Pass rates 1/2 and 0: mean 1/4, s = √(1/8), SE = s/√2 = 1/4.
    const { summary } = passAtKSummary(
      samplesOf([
        [1, 0],
        [0, 0],
      ]),
      { itemScore: 'passed' },
    );
    const pass1 = summary.metrics['pass@1'];
    expect(pass1).toMatchObject({ value: 1 / 4, n: 2, method: 'clustered', clusters: 2 });
    expect(pass1?.ci95).toEqual([0, expect.closeTo(1 / 4 + 1.959964 / 4, 5)]);
  });

  it('clips the clustered interval to [0, 1] at both ends', () => {
    // Pass rates 1/2, 1, 0: mean 1/2, s = 1/2, SE = 1/(2√3) ≈ 0.2887; ±0.566 runs past both ends.
    const { summary } = passAtKSummary(
      samplesOf([
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
      { itemScore: 'passed' },
    );
    expect(summary.metrics['pass@1']).toMatchObject({
      value: 1 / 2,
      ci95: [0, 1],
      n: 3,
      method: 'clustered',
    });
  });

  it('problems whose samples all agree: Wilson over problems (each problem is 0 or 1)', () => {
    // Problems 1, 1, 0 → 2 of 3: Wilson interval of 2/3 is [0.2077, 0.9385].
    const { summary, metrics } = passAtKSummary(
      samplesOf([
        [1, 1],
        [1, 1],
        [0, 0],
      ]),
      { itemScore: 'passed' },
    );
    expect(metrics.map((metric) => metric.name)).toEqual(['pass@1', 'pass@2']);
    const pass1 = summary.metrics['pass@1'];
    expect(pass1).toMatchObject({ value: 2 / 3, n: 3, method: 'wilson' });
    expect(pass1?.ci95[0]).toBeCloseTo(0.2077, 4);
    expect(pass1?.ci95[1]).toBeCloseTo(0.9385, 4);
  });

  it('a single problem: its pass rate with the interval of one unit, not a clustered NaN', () => {
    const { summary } = passAtKSummary(samplesOf([[1, 0]]), { itemScore: 'passed' });
    expect(summary.metrics['pass@1']).toMatchObject({ value: 1 / 2, n: 1, method: 'wilson' });
    expect(summary.metrics['pass@1']?.ci95.every(Number.isFinite)).toBe(true);
  });

  it('metric specs name their item score, as means of proportions', () => {
    const { metrics } = passAtKSummary(samplesOf([[1, 0]]), { itemScore: 'passed' });
    expect(metrics).toEqual([
      { name: 'pass@1', itemScore: 'passed', aggregate: 'mean', kind: 'proportion' },
      { name: 'pass@2', itemScore: 'passed', aggregate: 'mean', kind: 'proportion' },
    ]);
  });
});

describe('passAtKSummary unscored samples', () => {
  it('leaves unscored samples out of k and counts those of the headline score', () => {
    // p0 has 3 scored samples, p1 only 2 (one unscored): k runs to 2.
    const samples = [
      { itemId: 'p0', scores: { passed: 1, base_passed: 1 } },
      { itemId: 'p0', scores: { passed: 0, base_passed: 1 } },
      { itemId: 'p0', scores: { passed: 0, base_passed: null } },
      { itemId: 'p1', scores: { passed: 1, base_passed: 1 } },
      { itemId: 'p1', scores: { passed: null, base_passed: 1 } },
      { itemId: 'p1', scores: { passed: 1, base_passed: 1 } },
    ];
    const { summary, metrics } = passAtKSummary(samples, {
      itemScore: 'passed',
      also: [{ itemScore: 'base_passed', prefix: 'base_' }],
    });
    expect(metrics.map((metric) => metric.name)).toEqual(['pass@1', 'pass@2', 'base_pass@1', 'base_pass@2']);
    // pass@1 = (1/3 + 1) / 2 = 2/3.
    expect(summary.metrics['pass@1']?.value).toBeCloseTo(2 / 3, 12);
    expect(summary.unscored).toBe(1);
    expect(summary.groups).toEqual({});
  });

  it('with nothing scored: pass@1 alone, without a value, every sample unscored', () => {
    const { summary, metrics } = passAtKSummary(samplesOf([[null, null], [null]]), { itemScore: 'passed' });
    expect(metrics.map((metric) => metric.name)).toEqual(['pass@1']);
    expect(summary.metrics['pass@1']).toMatchObject({ n: 0, method: 'none' });
    expect(summary.metrics['pass@1']?.value).toBeNaN();
    expect(summary.unscored).toBe(3);
  });

  it('passes the bootstrap settings to pass@k, k ≥ 2', () => {
    const { summary } = passAtKSummary(
      samplesOf([
        [1, 0],
        [0, 0],
        [1, 1],
      ]),
      {
        itemScore: 'passed',
        bootstrap: { resamples: 200, seed: 7 },
      },
    );
    // pass@2 per problem: 1, 0, 1 → 2/3.
    expect(summary.metrics['pass@2']).toMatchObject({
      value: 2 / 3,
      n: 3,
      method: 'bootstrap-percentile',
      resamples: 200,
      seed: 7,
    });
  });
});

describe('how the samples were drawn', () => {
  it('labels greedy, sampled and unknown sampling as printed beside pass@k', () => {
    expect(samplingLabel({ samplesPerItem: 1, temperature: 0 })).toBe('greedy');
    expect(samplingLabel({ samplesPerItem: 5, temperature: 0 })).toBe('greedy, n=5');
    expect(samplingLabel({ samplesPerItem: 10, temperature: 0.8 })).toBe('sampled T=0.8, n=10');
    expect(samplingLabel({ samplesPerItem: 1, temperature: 0.2 })).toBe('sampled T=0.2, n=1');
    expect(samplingLabel({ samplesPerItem: 3 })).toBe('3 sample(s)/item');
  });

  it('gives the same as JSON', () => {
    expect(samplingJson({ samplesPerItem: 1, temperature: 0 })).toEqual({
      mode: 'greedy',
      samples_per_item: 1,
      temperature: 0,
    });
    expect(samplingJson({ samplesPerItem: 10, temperature: 0.8 })).toEqual({
      mode: 'sampled',
      samples_per_item: 10,
      temperature: 0.8,
    });
    expect(samplingJson({ samplesPerItem: 3 })).toEqual({
      mode: 'unknown',
      samples_per_item: 3,
      temperature: null,
    });
  });
});
