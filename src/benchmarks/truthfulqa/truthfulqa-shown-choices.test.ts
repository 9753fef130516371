import { describe, expect, it } from 'vitest';
import type { TruthfulqaData } from './truthfulqa-data.ts';
import { truthfulqaMc1ParityCot, truthfulqaShownChoices } from './truthfulqa-mc1-parity-cot.ts';

const withChoices = (count: number): TruthfulqaData => ({
  question: 'How many?',
  mc1: {
    choices: Array.from({ length: count }, (_, index) => `Choice ${index}.`),
    labels: Array.from({ length: count }, (_, index) => (index === 0 ? 1 : 0)),
  },
  mc2: { choices: ['Choice 0.'], labels: [1] },
});

describe('truthfulqaShownChoices', () => {
  it('letters the shown choices A, B, C… and every file choice is shown once', () => {
    const { choices, gold } = truthfulqaShownChoices(withChoices(13));
    expect(choices.map((choice) => choice.letter).join('')).toBe('ABCDEFGHIJKLM');
    expect(choices.map((choice) => choice.text).sort()).toEqual(
      Array.from({ length: 13 }, (_, index) => `Choice ${index}.`).sort(),
    );
    // The gold letter is the one shown with the true answer (file choice 0).
    expect(choices.find((choice) => choice.letter === gold)?.text).toBe('Choice 0.');
  });

  it('past Z a shown choice has no letter ("?"); with no choices there is no gold letter', () => {
    const { choices } = truthfulqaShownChoices(withChoices(27));
    expect(choices.map((choice) => choice.letter).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ?');
    expect(truthfulqaShownChoices(withChoices(0))).toEqual({ choices: [], gold: '?' });
  });
});

describe('truthfulqa.mc1.parity.cot.0shot: what it declares', () => {
  it('names, kind, version, one accuracy metric and its reference completion', () => {
    expect(truthfulqaMc1ParityCot).toMatchObject({
      kind: 'generate',
      id: 'truthfulqa.mc1.parity.cot.0shot',
      version: 1,
      benchmark: 'truthfulqa',
    });
    expect(truthfulqaMc1ParityCot.description).toContain('"Answer: X"');
    expect(truthfulqaMc1ParityCot.metrics.map((metric) => metric.name)).toEqual(['accuracy']);
    const data = withChoices(2);
    const { gold } = truthfulqaShownChoices(data);
    expect(truthfulqaMc1ParityCot.referenceCompletion({ id: '1', data })).toBe(
      `Let's think step by step.\n\nAnswer: ${gold}`,
    );
    expect(
      truthfulqaMc1ParityCot.buildRequest({ id: '1', data }).messages.map((message) => message.role),
    ).toEqual(['user']);
    // Letters up to M are read (13 choices at most); N is not one of them.
    expect(
      truthfulqaMc1ParityCot.score({ id: '1', data: withChoices(13) }, 'Answer: N').extracted,
    ).toBeNull();
  });
});
