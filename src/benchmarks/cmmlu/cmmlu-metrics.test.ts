import { describe, expect, it } from 'vitest';
import { cmmluChineseName, cmmluItemScores, cmmluMetrics } from './cmmlu-metrics.ts';

describe('CMMLU metrics (haonan-li/CMMLU src/categories.py)', () => {
  it('accuracy, the subject average, then STEM, Humanities, Social Science, Other and China specific', () => {
    expect(cmmluMetrics.map((metric) => [metric.name, metric.aggregate, metric.perGroup])).toEqual([
      ['accuracy', 'mean', undefined],
      ['accuracy_macro', 'group-mean', undefined],
      ['accuracy_stem', 'group-mean', false],
      ['accuracy_humanities', 'group-mean', false],
      ['accuracy_social_science', 'group-mean', false],
      ['accuracy_other', 'group-mean', false],
      ['accuracy_china_specific', 'group-mean', false],
    ]);
  });

  it("scores an item under its subject's categories: ancient Chinese is Social Science and China specific", () => {
    expect(cmmluItemScores('ancient_chinese', true)).toEqual({
      accuracy: 1,
      accuracy_social_science: 1,
      accuracy_china_specific: 1,
    });
    expect(cmmluItemScores('anatomy', false)).toEqual({ accuracy: 0, accuracy_stem: 0 });
    expect(cmmluItemScores('no_such_subject', false)).toEqual({ accuracy: 0 });
  });

  it("names a subject in Chinese as the prompts do, and falls back to the subject's own name", () => {
    expect(cmmluChineseName('ancient_chinese')).toBe('古汉语');
    expect(cmmluChineseName('no_such_subject')).toBe('no_such_subject');
  });
});
