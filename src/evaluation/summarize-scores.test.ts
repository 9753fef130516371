import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../spec/index.ts';
import { formatScoreTable } from '../report/format-score-table.ts';
import { scoreReportJson } from '../report/score-report-json.ts';
import { summarizeScores } from './summarize-scores.ts';

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
