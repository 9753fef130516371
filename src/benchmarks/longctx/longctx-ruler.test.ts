import { describe, expect, it } from 'vitest';
import { generateLongctxItems } from './generate-longctx-items.ts';
import type { LongctxTask } from './longctx-data.ts';
import { longctxRulerV1 } from './longctx-ruler.ts';
import { stringMatchAll, stringMatchPart } from './string-match-all.ts';

const items = generateLongctxItems({ synthetic: { lengths: [1024], depths: [50], samples: 1 } });
function itemOf(task: LongctxTask) {
  const item = items.find((candidate) => candidate.data.task === task);
  if (!item) throw new Error(`no ${task} item`);
  return item;
}

describe('string match (RULER constants.py)', () => {
  it('string_match_all is the share of references found, case-insensitively', () => {
    expect(stringMatchAll('abc DEF', ['abc', 'def', 'xyz', 'q'])).toBe(0.5);
    expect(stringMatchAll('nothing', ['abc'])).toBe(0);
    expect(stringMatchPart('x DEF', ['abc', 'def'])).toBe(1);
    expect(stringMatchPart('x', ['abc', 'def'])).toBe(0);
  });
});

describe('longctx.ruler.v1 scoring per task', () => {
  it('niah_single: 1 with the number, 0 with another number', () => {
    const item = itemOf('niah_single');
    const answer = item.data.answers[0] ?? '';
    expect(longctxRulerV1.score(item, ` ${answer}.`).scores.accuracy).toBe(1);
    expect(longctxRulerV1.score(item, ' 1234567.').scores).toEqual({
      accuracy: 0,
      all_found: 0,
      any_found: 0,
    });
    expect(longctxRulerV1.score(item, ' 1234567.').extracted).toBeNull();
  });

  it('niah_multikey: the number of a distractor key scores 0', () => {
    const item = itemOf('niah_multikey');
    const text = longctxRulerV1.buildRequest(item).messages[0]?.content ?? '';
    const distractors = [...text.matchAll(/for ([a-z-]+) is: (\d{7})\./g)].filter(
      (match) => match[1] !== item.data.query,
    );
    expect(distractors).toHaveLength(3);
    expect(longctxRulerV1.score(item, ` ${distractors[0]?.[2]}`).scores.accuracy).toBe(0);
    expect(longctxRulerV1.score(item, longctxRulerV1.referenceCompletion(item)).scores.accuracy).toBe(1);
  });

  it('niah_multivalue: two of four values score 0.5, all four 1', () => {
    const item = itemOf('niah_multivalue');
    const [a, b] = item.data.answers;
    expect(longctxRulerV1.score(item, ` ${a}, ${b}`).scores).toEqual({
      accuracy: 0.5,
      all_found: 0,
      any_found: 1,
    });
    expect(longctxRulerV1.score(item, longctxRulerV1.referenceCompletion(item)).scores.all_found).toBe(1);
  });

  it('vt: every variable of the chain is needed, in any case', () => {
    const item = itemOf('vt');
    const names = item.data.answers;
    expect(names).toHaveLength(5);
    expect(longctxRulerV1.score(item, names.join(' ').toLowerCase()).scores.accuracy).toBe(1);
    expect(longctxRulerV1.score(item, names.slice(1).join(' ')).scores.accuracy).toBe(0.8);
  });

  it('builds a greedy request with the answer prefix to prefill', () => {
    const request = longctxRulerV1.buildRequest(itemOf('niah_single'));
    expect(request.parameters).toEqual({ temperature: 0, maxTokens: 128 });
    expect(request.assistantPrefix).toBe(
      `The special magic number for ${itemOf('niah_single').data.query} mentioned in the provided text is`,
    );
    expect(longctxRulerV1.buildRequest(itemOf('vt')).parameters.maxTokens).toBe(30);
  });
});
