import { describe, expect, it } from 'vitest';
import { cevalChineseName, cevalItemScores, cevalMetrics } from './ceval-metrics.ts';

describe('C-Eval metrics (hkust-nlp/ceval subject_mapping.json, README "C-Eval Hard")', () => {
  it('accuracy, the subject average, then STEM, Social Science, Humanities, Other and Hard', () => {
    expect(cevalMetrics.map((metric) => [metric.name, metric.aggregate, metric.perGroup])).toEqual([
      ['accuracy', 'mean', undefined],
      ['accuracy_macro', 'group-mean', undefined],
      ['accuracy_stem', 'group-mean', false],
      ['accuracy_social_science', 'group-mean', false],
      ['accuracy_humanities', 'group-mean', false],
      ['accuracy_other', 'group-mean', false],
      ['accuracy_hard', 'group-mean', false],
    ]);
  });

  it("scores an item under its subject's categories: advanced mathematics is STEM and Hard, law Humanities", () => {
    expect(cevalItemScores('advanced_mathematics', true)).toEqual({
      accuracy: 1,
      accuracy_stem: 1,
      accuracy_hard: 1,
    });
    expect(cevalItemScores('law', false)).toEqual({ accuracy: 0, accuracy_humanities: 0 });
    expect(cevalItemScores('no_such_subject', true)).toEqual({ accuracy: 1 });
  });

  it("names a subject in Chinese as the prompts do, and falls back to the subject's own name", () => {
    expect(cevalChineseName('law')).toBe('法学');
    expect(cevalChineseName('advanced_mathematics')).toBe('高等数学');
    expect(cevalChineseName('no_such_subject')).toBe('no_such_subject');
  });
});
