import { describe, expect, it } from 'vitest';
import type { Item } from '../spec/index.ts';
import { itemGold, runGold } from './item-gold.ts';
import { mmluFixtureItem } from './mmlu/mmlu-fixture-item.ts';
import { getBenchmark, getProtocol } from './registry.ts';

const protocolOf = (benchmark: string) => getProtocol(getBenchmark(benchmark));

describe('itemGold', () => {
  it('MMLU: the answer letter and every choice as shown', () => {
    expect(itemGold(protocolOf('mmlu'), mmluFixtureItem())).toEqual({
      target: 'B',
      choices: ['A. Venus', 'B. Mercury', 'C. Earth ', 'D. Mars'],
    });
  });

  it('ARC: lettered choices keep their own letters', () => {
    const item: Item = {
      id: 'arc/1',
      data: {
        question: 'Which?',
        choices: [
          { letter: '1', text: 'one' },
          { letter: '2', text: 'two' },
        ],
        answer: '2',
      },
    };
    expect(itemGold(protocolOf('arc'), item)).toEqual({ target: '2', choices: ['1. one', '2. two'] });
  });

  it('GSM8K: the gold number, not the whole solution', () => {
    const item: Item = { id: 'g/0', data: { question: 'q', answer: 'work\n#### 1,200', target: '1200' } };
    expect(itemGold(protocolOf('gsm8k'), item)).toEqual({ target: '1200' });
  });

  it('HumanEval: the canonical solution (the reference completion)', () => {
    const item: Item = {
      id: 'HumanEval/0',
      data: { prompt: 'def f():\n', canonicalSolution: '    return 1\n', test: '', entryPoint: 'f' },
    };
    expect(itemGold(protocolOf('humaneval'), item)?.target).toContain('return 1');
  });

  it('IFEval: the instructions checked, since there is no gold text', () => {
    const item: Item = {
      id: 'ifeval/1',
      data: { key: 1, prompt: 'p', instructions: [{ id: 'keywords:existence', args: {} }] },
    };
    expect(itemGold(protocolOf('ifeval'), item)).toEqual({ target: 'follows: keywords:existence' });
  });

  it('a protocol that states its gold wins; items with nothing to say are left out of the run map', () => {
    const base = protocolOf('ifeval');
    expect(itemGold({ ...base, gold: () => ({ target: 'mine' }) }, { id: 'x', data: {} })).toEqual({
      target: 'mine',
    });
    expect(runGold(base, [{ id: 'x', data: { prompt: 'p' } }]).size).toBe(0);
  });
});
