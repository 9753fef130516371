import { describe, expect, it } from 'vitest';
import type { Item } from '../../spec/index.ts';
import type { IfevalData } from './ifeval-data.ts';

// The protocol and its metrics are built when the module loads. The test loads the module itself (dynamic
// import), so the mutation run attributes that construction to a test that checks it (decision 0302).
describe('ifeval.0shot definition', () => {
  it('declares prompt-level means and instruction-level ratios grouped by type, and its fields', async () => {
    const { ifeval0shot, ifevalMetrics } = await import('./ifeval-0shot.ts');
    expect(ifevalMetrics).toEqual([
      { name: 'prompt_strict', itemScore: 'prompt_strict', aggregate: 'mean', kind: 'proportion' },
      {
        name: 'instruction_strict',
        itemScore: 'instruction_strict',
        aggregate: 'mean',
        kind: 'proportion',
        denominator: 'instructions',
        groupsFromScoreKeys: true,
      },
      { name: 'prompt_loose', itemScore: 'prompt_loose', aggregate: 'mean', kind: 'proportion' },
      {
        name: 'instruction_loose',
        itemScore: 'instruction_loose',
        aggregate: 'mean',
        kind: 'proportion',
        denominator: 'instructions',
        groupsFromScoreKeys: true,
      },
    ]);
    expect(ifeval0shot).toMatchObject({
      kind: 'generate',
      id: 'ifeval.0shot',
      version: 2,
      benchmark: 'ifeval',
      description: 'IFEval 0-shot, reference checker rules, prompt and instruction level, strict and loose',
      metrics: ifevalMetrics,
    });
  });

  it('a prompt with one of two instructions followed scores 0 at prompt level and 1 of 2 at instruction level', async () => {
    const { ifeval0shot } = await import('./ifeval-0shot.ts');
    // google-research instructions.py: no_comma fails on any ","; title needs a <<…>> span. One line, so the
    // loose variants without the first or last line are empty and follow nothing.
    const item: Item<IfevalData> = {
      id: '1',
      data: {
        key: 1,
        prompt: 'Give a title. No commas.',
        instructions: [
          { id: 'punctuation:no_comma', args: {} },
          { id: 'detectable_format:title', args: {} },
        ],
      },
    };
    expect(ifeval0shot.score(item, 'Hi, <<A Title>>')).toEqual({
      scores: {
        prompt_strict: 0,
        instruction_strict: 1,
        prompt_loose: 0,
        instruction_loose: 1,
        instructions: 2,
        'instruction_strict/punctuation:no_comma': 0,
        'instruction_loose/punctuation:no_comma': 0,
        'instructions/punctuation:no_comma': 1,
        'instruction_strict/detectable_format:title': 1,
        'instruction_loose/detectable_format:title': 1,
        'instructions/detectable_format:title': 1,
      },
      extracted: 'not followed (strict): punctuation:no_comma',
    });
  });
});
