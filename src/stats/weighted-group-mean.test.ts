import { describe, expect, it } from 'vitest';
import { groupMeanEstimate } from './group-mean-estimate.ts';
import { pairedDifference } from './paired-difference.ts';

describe('group means with group weights (BFCL Non-Live AST: simple languages 1 each, the others 3)', () => {
  const groups = new Map([
    ['simple_python', [1, 1, 1, 0]],
    ['simple_java', [1, 0]],
    ['multiple', [0, 0, 0, 1]],
  ]);

  it('is Σ w·mean / Σ w, and equals the nested unweighted mean', () => {
    const estimate = groupMeanEstimate(groups, {
      kind: 'proportion',
      weights: { simple_python: 1, simple_java: 1, multiple: 2 },
    });
    // Nested: mean(mean(0.75, 0.5), 0.25) = mean(0.625, 0.25) = 0.4375.
    expect(estimate.value).toBeCloseTo(0.4375, 12);
    expect(groupMeanEstimate(groups, { kind: 'proportion' }).value).toBeCloseTo(0.5, 12);
  });

  it('paired differences use the same weights', () => {
    const a = [1, 1, 1, 0, 1, 0, 0, 0, 0, 1];
    const b = a.map(() => 0);
    const labels = [
      'simple_python',
      'simple_python',
      'simple_python',
      'simple_python',
      'simple_java',
      'simple_java',
      'multiple',
      'multiple',
      'multiple',
      'multiple',
    ];
    const difference = pairedDifference({
      a,
      b,
      aggregate: 'group-mean',
      groups: labels,
      weights: { multiple: 2 },
    });
    expect(difference.value).toBeCloseTo(0.4375, 12);
  });
});
