import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { gsm8kCot8shot } from './gsm8k-cot-8shot.ts';
import { gsm8kCot8shotLlama } from './gsm8k-cot-8shot-llama.ts';
import type { Gsm8kData } from './gsm8k-data.ts';
import { gsm8kMetrics } from './gsm8k-scoring.ts';

const item: Item<Gsm8kData> = { id: '1', data: { question: 'Q?', answer: 'So 15.\n#### 15', target: '15' } };

describe('GSM8K protocols: what they declare', () => {
  it('flexible-extract accuracy first (the headline), then strict-match', () => {
    expect(gsm8kMetrics).toEqual([
      { name: 'accuracy_flexible', itemScore: 'accuracy_flexible', aggregate: 'mean', kind: 'proportion' },
      { name: 'accuracy_strict', itemScore: 'accuracy_strict', aggregate: 'mean', kind: 'proportion' },
    ]);
    expect(gsm8kCot8shot).toMatchObject({
      kind: 'generate',
      id: 'gsm8k.cot.8shot',
      version: 1,
      benchmark: 'gsm8k',
    });
    expect(gsm8kCot8shotLlama).toMatchObject({
      kind: 'generate',
      id: 'gsm8k.cot.8shot.llama',
      version: 1,
      benchmark: 'gsm8k',
    });
    expect(gsm8kCot8shot.description).toContain('lm-eval gsm8k_cot');
    expect(gsm8kCot8shotLlama.description).toContain('The final answer is N');
    expect(gsm8kCot8shot.metrics).toBe(gsm8kMetrics);
    expect(gsm8kCot8shotLlama.metrics).toBe(gsm8kMetrics);
  });
});

describe('GSM8K exact match: only a FINAL period is ignored (lm-eval regexes_to_ignore "\\.$")', () => {
  it('"1.5" is not "15" on either metric, in either protocol', () => {
    expect(gsm8kCot8shot.score(item, 'The answer is 1.5.').scores).toEqual({
      accuracy_flexible: 0,
      accuracy_strict: 0,
    });
    expect(gsm8kCot8shotLlama.score(item, 'The final answer is 1.5').scores).toEqual({
      accuracy_flexible: 0,
      accuracy_strict: 0,
    });
    expect(gsm8kCot8shot.score(item, 'The answer is 15.').scores).toEqual({
      accuracy_flexible: 1,
      accuracy_strict: 1,
    });
  });
});
