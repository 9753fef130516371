import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import { ifeval0shot, ifevalMetrics } from './ifeval-0shot.ts';
import type { IfevalData } from './ifeval-data.ts';

// Expectations worked out by hand from google-research instruction_following_eval (instructions.py,
// evaluation_lib.py): no_comma fails on any ","; english_lowercase needs no upper-case letter (and English);
// the loose variants also try the response without its first line, which here drops the "Hello, World" line.
const item: Item<IfevalData> = {
  id: '7',
  data: {
    key: 7,
    prompt: 'Write two lines. Do not use commas. Use lower case only.',
    instructions: [
      { id: 'punctuation:no_comma', args: {} },
      { id: 'change_case:english_lowercase', args: {} },
      { id: 'punctuation:no_comma', args: {} },
    ],
  },
};

describe('ifeval.0shot', () => {
  it('sends the prompt alone, greedy, at most 1280 tokens (lm-eval ifeval)', () => {
    expect(ifeval0shot.buildRequest(item)).toEqual({
      messages: [{ role: 'user', content: 'Write two lines. Do not use commas. Use lower case only.' }],
      parameters: { temperature: 0, maxTokens: 1280 },
    });
    expect(ifeval0shot.referenceCompletion(item)).toBe('');
    expect(ifeval0shot).toMatchObject({ id: 'ifeval.0shot', benchmark: 'ifeval', version: 2 });
  });

  it('follows everything: every count is the number of instructions', () => {
    const scored = ifeval0shot.score(item, 'the sun is out today and the birds are singing in the trees');
    expect(scored).toEqual({
      scores: {
        prompt_strict: 1,
        instruction_strict: 3,
        prompt_loose: 1,
        instruction_loose: 3,
        instructions: 3,
        'instruction_strict/punctuation:no_comma': 2,
        'instruction_loose/punctuation:no_comma': 2,
        'instructions/punctuation:no_comma': 2,
        'instruction_strict/change_case:english_lowercase': 1,
        'instruction_loose/change_case:english_lowercase': 1,
        'instructions/change_case:english_lowercase': 1,
      },
      extracted: 'all followed',
    });
  });

  it('fails strictly on a first line with a comma and capitals, and passes loosely without that line', () => {
    const scored = ifeval0shot.score(
      item,
      'Hello, World\nthe sun is out today and the birds are singing in the trees',
    );
    expect(scored).toEqual({
      scores: {
        prompt_strict: 0,
        instruction_strict: 0,
        prompt_loose: 1,
        instruction_loose: 3,
        instructions: 3,
        'instruction_strict/punctuation:no_comma': 0,
        'instruction_loose/punctuation:no_comma': 2,
        'instructions/punctuation:no_comma': 2,
        'instruction_strict/change_case:english_lowercase': 0,
        'instruction_loose/change_case:english_lowercase': 1,
        'instructions/change_case:english_lowercase': 1,
      },
      extracted:
        'not followed (strict): punctuation:no_comma, change_case:english_lowercase, punctuation:no_comma',
    });
  });

  it('reports prompt-level means and instruction-level ratios over all instructions, grouped by type', () => {
    expect(ifevalMetrics.map((metric) => [metric.name, metric.itemScore, metric.aggregate])).toEqual([
      ['prompt_strict', 'prompt_strict', 'mean'],
      ['instruction_strict', 'instruction_strict', 'mean'],
      ['prompt_loose', 'prompt_loose', 'mean'],
      ['instruction_loose', 'instruction_loose', 'mean'],
    ]);
    expect(
      ifevalMetrics.map((metric) => [metric.kind, metric.denominator, metric.groupsFromScoreKeys]),
    ).toEqual([
      ['proportion', undefined, undefined],
      ['proportion', 'instructions', true],
      ['proportion', undefined, undefined],
      ['proportion', 'instructions', true],
    ]);
  });
});
