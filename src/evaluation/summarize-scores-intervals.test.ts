// Per-run intervals where units share a cluster, against statsmodels (scripts/stats-fixtures/compute-reference-values.py).
import { describe, expect, it } from 'vitest';
import { expectAllClose, expectClose, statsReference } from '../../test/support/stats-reference.ts';
import type { MetricSpec } from '../spec/index.ts';
import { formatGroupTable, formatScoreTable } from '../report/format-score-table.ts';
import { scoreReportJson } from '../report/score-report-json.ts';
import { summarizeScores } from './summarize-scores.ts';

const { ifeval, mmlu } = statsReference.per_run;
// 51 items of 6 subjects in the fixture, each with 3 samples.
const accuracy: MetricSpec = {
  name: 'accuracy',
  itemScore: 'accuracy',
  aggregate: 'mean',
  kind: 'proportion',
};
const macro: MetricSpec = { ...accuracy, name: 'accuracy_macro', aggregate: 'group-mean' };

describe('summarizeScores with clustered units', () => {
  it('IFEval instruction level: the ratio estimator with the instructions of one prompt as one cluster', () => {
    const instruction: MetricSpec = {
      name: 'instruction_strict',
      itemScore: 'followed',
      aggregate: 'mean',
      kind: 'proportion',
      denominator: 'given',
      groupsFromScoreKeys: true,
    };
    const items = ifeval.prompts.map((prompt) => ({
      itemId: prompt.id,
      scores: {
        followed: prompt.followed,
        given: prompt.given,
        'followed/any': prompt.followed,
        'given/any': prompt.given,
      },
    }));
    const estimate = summarizeScores(items, [instruction]).metrics.instruction_strict;
    const total = ifeval.prompts.reduce((sum, prompt) => sum + prompt.given, 0);
    expect(estimate).toMatchObject({ n: total, method: 'clustered', clusters: ifeval.prompts.length });
    expectClose(estimate?.value ?? Number.NaN, ifeval.instruction.value, 'ratio');
    expectAllClose(estimate?.ci95 ?? [], ifeval.instruction.ci95, 'ratio ci');
    const group = summarizeScores(items, [instruction]).groups.any?.instruction_strict;
    expectAllClose(group?.ci95 ?? [], ifeval.instruction.ci95, 'per-group ci');
  });

  it("MMLU with clustering 'group': subjects as clusters; by default items stay independent (Wilson)", () => {
    const items = mmlu.items.map((item) => ({
      itemId: item.id,
      group: item.group,
      scores: { accuracy: item.value },
    }));
    const bySubject = summarizeScores(items, [accuracy, macro], { clustering: 'group' });
    expect(bySubject.metrics.accuracy).toMatchObject({ method: 'clustered-by-group', clusters: 6 });
    expectAllClose(bySubject.metrics.accuracy?.ci95 ?? [], mmlu.micro_by_subject.ci95, 'by subject');
    // Macro and per-group figures do not change: within a subject the subject is no cluster.
    const byItem = summarizeScores(items, [accuracy, macro]);
    expect(byItem.metrics.accuracy?.method).toBe('wilson');
    expect(bySubject.metrics.accuracy_macro).toEqual(byItem.metrics.accuracy_macro);
    expect(bySubject.groups).toEqual(byItem.groups);
  });

  it('macro average with several samples per item: each group clustered by item, then stratified', () => {
    const items = mmlu.sampled.flatMap((item) =>
      item.values.map((value) => ({ itemId: item.id, group: item.group, scores: { accuracy: value } })),
    );
    const summary = summarizeScores(items, [accuracy, macro]);
    expect(summary.metrics.accuracy_macro).toMatchObject({
      method: 'normal-group-mean',
      clusters: items.length / 3,
    });
    expectClose(summary.metrics.accuracy_macro?.value ?? Number.NaN, mmlu.macro_clustered.value, 'macro');
    expectAllClose(summary.metrics.accuracy_macro?.ci95 ?? [], mmlu.macro_clustered.ci95, 'macro ci');
    expect(summary.metrics.accuracy).toMatchObject({ method: 'clustered', clusters: items.length / 3 });
    expect(summary.groups.s0?.accuracy?.method).toBe('clustered');
  });

  it('hand-checked: two items with two samples each', () => {
    // Item means 1 and 0, mean 0.5; residual sums +1 and −1; SE² = 2/1 · 2 / 16 = 0.25, SE 0.5.
    const items = [1, 1, 0, 0].map((value, index) => ({
      itemId: index < 2 ? 'a' : 'b',
      scores: { accuracy: value },
    }));
    const estimate = summarizeScores(items, [accuracy]).metrics.accuracy;
    expect(estimate?.value).toBe(0.5);
    // 0.5 ± 1.96·0.5 is clipped to [0, 1] for a proportion.
    expect(estimate).toMatchObject({ ci95: [0, 1], n: 4, method: 'clustered', clusters: 2 });
  });
});

describe('interval methods in tables and JSON', () => {
  const items = mmlu.sampled.flatMap((item) =>
    item.values.map((value) => ({ itemId: item.id, group: item.group, scores: { accuracy: value } })),
  );
  const summary = summarizeScores(items, [accuracy, macro]);

  it('marks intervals that are not Wilson and names the method under the table', () => {
    const table = formatScoreTable([
      { model: 'm', benchmark: 'mmlu', protocol: 'mmlu.gen.5shot', metrics: [accuracy, macro], summary },
    ]).split('\n');
    expect(table[1]).toMatch(/accuracy %\s+\d+\.\d {2}\[\d+\.\d, \d+\.\d\] †\s+\d+/);
    expect(table[2]).toMatch(/accuracy_macro %\s+\d+\.\d {2}\[\d+\.\d, \d+\.\d\] ‡\s+\d+/);
    expect(table.slice(3)).toEqual([
      '95% CI: Wilson unless marked;',
      '  † cluster-robust SE, the units of one item (samples, turns, instructions) as one cluster, 51 clusters',
      "  ‡ macro average: normal interval from the per-group variances, an item's units clustered, 51 clusters",
    ]);
    expect(formatGroupTable(summary, accuracy).split('\n').at(-1)).toMatch(/^ {2}† cluster-robust SE/);
  });

  it('adds method (and clusters, resamples, seed where they apply) to every JSON estimate', () => {
    const json = scoreReportJson({ model: 'm', benchmark: 'mmlu', protocol: 'p', n: items.length, summary });
    expect(json.metrics.accuracy).toEqual({
      value: expect.any(Number),
      ci95: [expect.any(Number), expect.any(Number)],
      n: items.length,
      method: 'clustered',
      clusters: mmlu.sampled.length,
    });
    expect(json.metrics.accuracy_macro?.method).toBe('normal-group-mean');
  });
});
