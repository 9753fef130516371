import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../spec/index.ts';
import { formatScoreTable } from '../report/format-score-table.ts';
import { scoreReportJson } from '../report/score-report-json.ts';
import { summarizeScores, type ScoredItem } from './summarize-scores.ts';

const metrics: MetricSpec[] = [
  { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
  { name: 'accuracy_macro', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
];

const items = [
  { itemId: 'a/0', group: 'a', scores: { accuracy: 1 } },
  { itemId: 'a/1', group: 'a', scores: { accuracy: 1 } },
  { itemId: 'a/2', group: 'a', scores: { accuracy: 0 } },
  { itemId: 'b/0', group: 'b', scores: { accuracy: 0 } },
  { itemId: 'b/1', group: 'b', scores: { accuracy: null } },
];

describe('summarizeScores', () => {
  it('computes micro and macro averages and keeps unscored apart from wrong', () => {
    const summary = summarizeScores(items, metrics);
    expect(summary.metrics.accuracy).toMatchObject({ value: 0.5, n: 4, method: 'wilson' });
    expect(summary.metrics.accuracy_macro).toMatchObject({ value: (2 / 3 + 0) / 2, n: 4 });
    expect(summary.unscored).toBe(1);
    expect(Object.keys(summary.groups)).toEqual(['a', 'b']);
    expect(summary.groups.a?.accuracy).toMatchObject({ value: 2 / 3, n: 3 });
  });

  it('renders the docs/cli.md JSON shape', () => {
    const summary = summarizeScores(items, metrics);
    const json = scoreReportJson({
      model: 'm',
      benchmark: 'mmlu',
      protocol: 'mmlu.gen.5shot',
      n: 5,
      summary,
    });
    expect(Object.keys(json)).toEqual([
      'model',
      'benchmark',
      'protocol',
      'n',
      'metrics',
      'groups',
      'unscored',
    ]);
    expect(json.metrics.accuracy?.value).toBe(0.5);
    expect(json.metrics.accuracy?.ci95[0]).toBeGreaterThan(0);
    expect(json.groups.b?.accuracy).toEqual({
      value: 0,
      ci95: [0, expect.any(Number)],
      n: 1,
      method: 'wilson',
    });
  });

  it('prints the protocol, interval and n beside every score', () => {
    const summary = summarizeScores(items, metrics);
    const table = formatScoreTable([
      { model: 'm', benchmark: 'mmlu', protocol: 'mmlu.gen.5shot', metrics, summary },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^model\s+benchmark\s+protocol\s+metric\s+value {2}\[95% CI\]\s+n\s+unscored\s+errors$/,
    );
    expect(lines[1]).toMatch(
      /^m\s+mmlu\s+mmlu\.gen\.5shot\s+accuracy %\s+50\.0 {2}\[15\.0, 85\.0\]\s+4\s+1\s+0$/,
    );
    expect(lines[2]).toMatch(/accuracy_macro %\s+33\.3/);
  });
  it('lists groups for a benchmark whose only metric is a mean over groups (MGSM, BBH)', () => {
    const macroOnly: MetricSpec[] = [
      { name: 'accuracy', itemScore: 'accuracy', aggregate: 'group-mean', kind: 'proportion' },
    ];
    const summary = summarizeScores(
      [
        { itemId: 'de/0', group: 'de', scores: { accuracy: 1 } },
        { itemId: 'de/1', group: 'de', scores: { accuracy: 1 } },
        { itemId: 'en/0', group: 'en', scores: { accuracy: 0 } },
      ],
      macroOnly,
    );
    expect(summary.metrics.accuracy?.value).toBe(0.5);
    expect(Object.keys(summary.groups)).toEqual(['de', 'en']);
    expect(summary.groups.de?.accuracy?.value).toBe(1);
    expect(summary.groups.en?.accuracy?.n).toBe(1);
  });

  it('gives a category average over some groups (perGroup: false) no per-group figures (CMMLU, C-Eval)', () => {
    const withCategory: MetricSpec[] = [
      ...metrics,
      {
        name: 'accuracy_stem',
        itemScore: 'accuracy_stem',
        aggregate: 'group-mean',
        kind: 'proportion',
        perGroup: false,
      },
    ];
    const summary = summarizeScores(
      [
        { itemId: 'a/0', group: 'a', scores: { accuracy: 1, accuracy_stem: 1 } },
        { itemId: 'b/0', group: 'b', scores: { accuracy: 0, accuracy_stem: 0 } },
        { itemId: 'b/1', group: 'b', scores: { accuracy: 1, accuracy_stem: 1 } },
        { itemId: 'c/0', group: 'c', scores: { accuracy: 0 } },
      ],
      withCategory,
    );
    expect(summary.metrics.accuracy_stem).toMatchObject({ value: (1 + 0.5) / 2, n: 3 });
    expect(summary.unscored).toBe(0);
    expect(Object.keys(summary.groups.a ?? {})).toEqual(['accuracy']);
  });
});

describe('summarizeScores worked by hand', () => {
  const accuracy: MetricSpec = {
    name: 'accuracy',
    itemScore: 'accuracy',
    aggregate: 'mean',
    kind: 'proportion',
  };

  it('counts an item unscored when any of its scores is null, once', () => {
    const summary = summarizeScores(
      [
        { itemId: '1', scores: { accuracy: 1, other: null } },
        { itemId: '2', scores: { accuracy: null, other: null } },
        { itemId: '3', scores: { accuracy: 0, other: 1 } },
      ],
      [accuracy],
    );
    expect(summary.unscored).toBe(2);
    expect(summary.metrics.accuracy).toMatchObject({ value: 1 / 2, n: 2, method: 'wilson' });
  });

  it('lists groups in sorted order and leaves items without a group out of the groups', () => {
    const summary = summarizeScores(
      [
        { itemId: 'z/0', group: 'zoology', scores: { accuracy: 1 } },
        { itemId: 'loose', scores: { accuracy: 1 } },
        { itemId: 'a/0', group: 'anatomy', scores: { accuracy: 0 } },
        { itemId: 'a/1', group: 'anatomy', scores: { accuracy: 1 } },
      ],
      [accuracy],
    );
    expect(Object.keys(summary.groups)).toEqual(['anatomy', 'zoology']);
    expect(summary.groups.anatomy?.accuracy).toMatchObject({ value: 1 / 2, n: 2 });
    expect(summary.metrics.accuracy).toMatchObject({ value: 3 / 4, n: 4 });
  });

  it('groups a mean over groups only when no plain mean reads the same score, and never with perGroup: false', () => {
    const metrics: MetricSpec[] = [
      accuracy,
      { ...accuracy, name: 'accuracy_macro', aggregate: 'group-mean' },
      { ...accuracy, name: 'other_macro', itemScore: 'other', aggregate: 'group-mean' },
      { ...accuracy, name: 'other_macro2', itemScore: 'other', aggregate: 'group-mean' },
      { ...accuracy, name: 'third', itemScore: 'third', perGroup: false },
    ];
    const summary = summarizeScores(
      [{ itemId: 'a/0', group: 'a', scores: { accuracy: 1, other: 0, third: 1 } }],
      metrics,
    );
    expect(Object.keys(summary.groups.a ?? {})).toEqual(['accuracy', 'other_macro', 'other_macro2']);
    expect(summary.metrics.third).toMatchObject({ value: 1, n: 1 });
  });

  it('weighs groups of a mean over groups as given (absent groups weigh 1)', () => {
    const items = [
      { itemId: 'a/0', group: 'a', scores: { accuracy: 1 } },
      { itemId: 'b/0', group: 'b', scores: { accuracy: 0 } },
      { itemId: 'c/0', group: 'c', scores: { accuracy: 0 } },
    ];
    const macro: MetricSpec = { ...accuracy, name: 'macro', aggregate: 'group-mean' };
    expect(summarizeScores(items, [macro]).metrics.macro?.value).toBeCloseTo(1 / 3, 12);
    // (2·1 + 0 + 0) / (2 + 1 + 1) = 1/2.
    const weighted = summarizeScores(items, [{ ...macro, groupWeights: { a: 2 } }]);
    expect(weighted.metrics.macro).toMatchObject({ value: 1 / 2, n: 3 });
  });

  it('graded metrics: normal intervals overall and per group', () => {
    const graded: MetricSpec = { name: 'rating', itemScore: 'rating', aggregate: 'mean', kind: 'graded' };
    // Ratings 2, 4, 6: mean 4, s = 2, half-width 1.959964 · 2/√3.
    const summary = summarizeScores(
      [2, 4, 6].map((rating, index) => ({ itemId: `${index}`, group: 'g', scores: { rating } })),
      [graded],
    );
    const half = (1.959964 * 2) / Math.sqrt(3);
    for (const estimate of [summary.metrics.rating, summary.groups.g?.rating]) {
      expect(estimate).toMatchObject({ value: 4, n: 3, method: 'normal' });
      expect(estimate?.ci95[0]).toBeCloseTo(4 - half, 5);
      expect(estimate?.ci95[1]).toBeCloseTo(4 + half, 5);
    }
  });

  it("clusters units by their own cluster field, by default their item's id", () => {
    const byCluster = summarizeScores(
      [
        { itemId: '1', cluster: 'q', scores: { accuracy: 1 } },
        { itemId: '2', cluster: 'q', scores: { accuracy: 1 } },
        { itemId: '3', cluster: 'r', scores: { accuracy: 0 } },
      ],
      [accuracy],
    );
    expect(byCluster.metrics.accuracy).toMatchObject({ method: 'clustered', clusters: 2 });
  });

  it("clustering 'group': items without a group are their own cluster, grouped ones share their group's", () => {
    const items = [
      { itemId: 'x', scores: { accuracy: 1 } },
      { itemId: 'y', scores: { accuracy: 0 } },
      { itemId: 'z', scores: { accuracy: 1 } },
    ];
    // No groups at all: every item its own cluster, so no shared clusters and the Wilson interval.
    expect(summarizeScores(items, [accuracy], { clustering: 'group' }).metrics.accuracy?.method).toBe(
      'wilson',
    );
    const mixed = summarizeScores(
      [
        ...items,
        { itemId: 'a/0', group: 'a', scores: { accuracy: 1 } },
        { itemId: 'a/1', group: 'a', scores: { accuracy: 0 } },
        { itemId: 'b/0', group: 'b', scores: { accuracy: 1 } },
        { itemId: 'b/1', group: 'b', scores: { accuracy: 1 } },
      ],
      [accuracy],
      { clustering: 'group' },
    );
    // Clusters: x, y, z, group a, group b.
    expect(mixed.metrics.accuracy).toMatchObject({
      value: 5 / 7,
      n: 7,
      method: 'clustered-by-group',
      clusters: 5,
    });
  });

  describe('ratio metrics (IFEval instruction level)', () => {
    const ratio: MetricSpec = {
      name: 'instruction',
      itemScore: 'followed',
      aggregate: 'mean',
      kind: 'proportion',
      denominator: 'given',
    };

    it('Σ followed / Σ given as 0/1 units in the prompt’s cluster; items missing either count are left out', () => {
      const summary = summarizeScores(
        [
          { itemId: 'p1', scores: { followed: 2, given: 3 } },
          { itemId: 'p2', scores: { followed: 0, given: 1 } },
          { itemId: 'p3', scores: { followed: null, given: 2 } },
          { itemId: 'p4', scores: { followed: 1, given: null } },
          { itemId: 'p5', scores: { given: 4 } },
          { itemId: 'p6', scores: { followed: 1 } },
        ],
        [ratio],
      );
      // Units: p1 → 1, 1, 0; p2 → 0: 2/4. Residual sums over clusters: p1 (1/2 + 1/2 − 1/2) = 1/2, p2 −1/2;
      // SE² = 2/1 · (1/4 + 1/4) / 16 = 1/16, SE 1/4; 1/2 ± 0.49.
      const estimate = summary.metrics.instruction;
      expect(estimate).toMatchObject({ value: 1 / 2, n: 4, method: 'clustered', clusters: 2 });
      expect(estimate?.ci95[0]).toBeCloseTo(0.5 - 1.959964 / 4, 5);
      expect(estimate?.ci95[1]).toBeCloseTo(0.5 + 1.959964 / 4, 5);
      expect(summary.groups).toEqual({});
      expect(summary.unscored).toBe(2);
    });

    it('rounds fractional counts to whole units and takes negative counts as none', () => {
      const summary = summarizeScores(
        [
          { itemId: 'p1', scores: { followed: 1, given: 1.6 } },
          { itemId: 'p2', scores: { followed: 0, given: -3 } },
          { itemId: 'p3', scores: { followed: 1, given: 1.4 } },
        ],
        [ratio],
      );
      // p1: 2 units (1, 0), p2: none, p3: 1 unit (1) → 2/3.
      expect(summary.metrics.instruction).toMatchObject({ value: 2 / 3, n: 3, clusters: 2 });
    });

    it('is a proportion whatever the kind says: Wilson when every unit is its own prompt', () => {
      const summary = summarizeScores(
        [
          { itemId: 'p1', scores: { followed: 1, given: 1 } },
          { itemId: 'p2', scores: { followed: 0, given: 1 } },
        ],
        [{ ...ratio, kind: 'graded' }],
      );
      expect(summary.metrics.instruction).toMatchObject({ value: 1 / 2, n: 2, method: 'wilson' });
    });

    it('per group from <score>/<group> and <denominator>/<group> keys, only with groupsFromScoreKeys', () => {
      const items: ScoredItem[] = [
        {
          itemId: 'p1',
          group: 'ignored',
          scores: {
            followed: 2,
            given: 3,
            'followed/format': 1,
            'given/format': 2,
            'followed/length': 1,
            'given/length': 1,
            'followed/case': null,
            'given/case': 1,
            'followedx/other': 1,
            'given/other': 1,
          },
        },
        {
          itemId: 'p2',
          scores: { followed: 1, given: 1, 'followed/format': 1, 'given/format': 1, 'followed/orphan': 1 },
        },
      ];
      expect(summarizeScores(items, [ratio]).groups).toEqual({});
      const summary = summarizeScores(items, [{ ...ratio, kind: 'graded', groupsFromScoreKeys: true }]);
      expect(Object.keys(summary.groups)).toEqual(['format', 'length', 'orphan']);
      // format: p1 → 1, 0; p2 → 1: 2/3 with p1's two units one cluster.
      expect(summary.groups.format?.instruction).toMatchObject({ value: 2 / 3, n: 3, method: 'clustered' });
      // length: one unit → Wilson (a proportion, not the graded normal interval).
      expect(summary.groups.length?.instruction).toMatchObject({ value: 1, n: 1, method: 'wilson' });
      // A group without its denominator key has no units.
      expect(summary.groups.orphan?.instruction).toMatchObject({ n: 0, method: 'none' });
    });

    it('leaves out the per-group keys of an item whose own counts are missing', () => {
      const groupKeys = { 'followed/format': 1, 'given/format': 1 };
      const items: ScoredItem[] = [
        { itemId: 'p1', scores: { followed: 1, given: null, ...groupKeys } },
        { itemId: 'p2', scores: { followed: 1, ...groupKeys } },
        { itemId: 'p3', scores: { followed: null, given: 1, ...groupKeys } },
        { itemId: 'p4', scores: { given: 1, ...groupKeys } },
      ];
      const summary = summarizeScores(items, [{ ...ratio, groupsFromScoreKeys: true }]);
      expect(summary.groups).toEqual({});
      expect(summary.metrics.instruction).toMatchObject({ n: 0, method: 'none' });
    });
  });
});
