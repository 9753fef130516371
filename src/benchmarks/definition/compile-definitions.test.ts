import { describe, expect, it } from 'vitest';
import { InputError, type Item } from '../../spec/index.ts';
import { defineProtocol } from './define-protocol.ts';
import { matchers } from './matchers.ts';
import { multipleChoiceVariables } from './multiple-choice-variables.ts';

// Expectations worked by hand from the definitions (lm-eval multiple_choice: context + " " + choice text).
const mcItem: Item = {
  id: '7',
  data: { question: 'Sky colour?', choices: ['red', 'blue', 'green'], answer: 1 },
};

function inputError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('log-likelihood definitions', () => {
  // Compiled inside each test: the mutation run counts only what runs in a test (decision 0302).
  const compile = () =>
    defineProtocol({
      id: 'colours.ll',
      version: 3,
      benchmark: 'colours',
      description: 'colours by log-likelihood',
      loglikelihood: { context: 'Q: {{question}}\nA:' },
    });

  it('continues with " <choice text>" by default and stores the context as one message', () => {
    const protocol = compile();
    expect(protocol).toMatchObject({
      kind: 'loglikelihood',
      id: 'colours.ll',
      version: 3,
      benchmark: 'colours',
      description: 'colours by log-likelihood',
      metrics: [
        { name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' },
        { name: 'accuracy_norm', itemScore: 'accuracy_norm', aggregate: 'mean', kind: 'proportion' },
      ],
    });
    expect(protocol.kind === 'loglikelihood' && protocol.buildLogLikelihoodRequest(mcItem)).toEqual({
      context: 'Q: Sky colour?\nA:',
      continuations: [' red', ' blue', ' green'],
    });
    expect(protocol.buildRequest(mcItem)).toEqual({
      messages: [{ role: 'user', content: 'Q: Sky colour?\nA:' }],
      parameters: { temperature: 0, maxTokens: 1 },
    });
  });

  it('scores by log-likelihoods (argmax, and per character) or by the completion, and its reference is gold', () => {
    const protocol = compile();
    // " red" -3 (len 3: -1/char), " blue" -4 (len 4: -1/char), " green" -3.5 (len 5: -0.7/char).
    expect(protocol.score(mcItem, '', { logLikelihoods: [-3, -4, -3.5] })).toEqual({
      scores: { accuracy: 0, accuracy_norm: 0 },
      extracted: 'A',
    });
    expect(protocol.score(mcItem, '', { logLikelihoods: [-5, -1, -6] })).toEqual({
      scores: { accuracy: 1, accuracy_norm: 1 },
      extracted: 'B',
    });
    expect(protocol.referenceCompletion(mcItem)).toBe(' blue');
    expect(protocol.score(mcItem, ' blue')).toEqual({
      scores: { accuracy: 1, accuracy_norm: 1 },
      extracted: 'B',
    });
    expect(protocol.score(mcItem, ' green')).toEqual({
      scores: { accuracy: 0, accuracy_norm: 0 },
      extracted: 'C',
    });
  });

  it('fills a custom continuation per choice with its letter; a row without choices has none', () => {
    const lettered = defineProtocol({
      id: 'colours.ll.letters',
      version: 1,
      benchmark: 'colours',
      description: 'letters',
      aggregate: 'group-mean',
      loglikelihood: { context: '{{question}}\n{{choice_list}}\nAnswer:', continuation: ' {{letter}}' },
    });
    expect(lettered.kind === 'loglikelihood' && lettered.buildLogLikelihoodRequest(mcItem)).toEqual({
      context: 'Sky colour?\nA) red\nB) blue\nC) green\nAnswer:',
      continuations: [' A', ' B', ' C'],
    });
    expect(lettered.metrics.map((metric) => metric.aggregate)).toEqual(['group-mean', 'group-mean']);
    expect(lettered.referenceCompletion(mcItem)).toBe(' B');
    // A plain row (no choices): no continuations; the reference is the continuation with empty letter and text.
    const plain = defineProtocol({
      id: 'plain.ll',
      version: 1,
      benchmark: 'plain',
      description: 'plain',
      target: '{{gold}}',
      loglikelihood: { context: '{{prompt}}', continuation: '<{{letter}}{{text}}>' },
    });
    const row: Item = { id: 'p', data: { prompt: 'Say', gold: 'A' } };
    expect(plain.kind === 'loglikelihood' && plain.buildLogLikelihoodRequest(row)).toEqual({
      context: 'Say',
      continuations: [],
    });
    expect(plain.referenceCompletion(row)).toBe('<>');
  });
});

describe('generate definitions', () => {
  const base = {
    id: 'sums',
    version: 1,
    benchmark: 'sums',
    description: 'sums',
    prompt: { user: 'Q: {{question}}' },
    extract: { type: 'regex', pattern: '(\\d+)' },
    reference: '{{answer}}',
  };
  const item: Item = { id: '3', data: { question: '3+3', answer: '6' } };

  it('sends the assistant prefix only when the definition has one, and no turns for an empty example list', () => {
    expect(defineProtocol(base).buildRequest(item)).not.toHaveProperty('assistantPrefix');
    expect(defineProtocol({ ...base, assistant_prefix: 'A:' }).buildRequest(item).assistantPrefix).toBe('A:');
    const noShots = defineProtocol({
      ...base,
      few_shot: { examples: [], user: 'Q: {{question}}', assistant: '{{answer}}' },
    });
    expect(noShots.buildRequest(item).messages).toEqual([{ role: 'user', content: 'Q: 3+3' }]);
    const noExamples = defineProtocol({
      ...base,
      few_shot: { user: 'Q: {{question}}', assistant: '{{answer}}' },
    });
    expect(noExamples.buildRequest(item).messages).toEqual([{ role: 'user', content: 'Q: 3+3' }]);
  });

  it('puts few-shot turns before the user message when there is no system message', () => {
    const shots = defineProtocol({
      ...base,
      few_shot: {
        examples: [{ question: '1+1', answer: '2' }],
        user: 'Q: {{question}}',
        assistant: 'A: {{answer}}',
      },
    });
    expect(shots.buildRequest(item).messages).toEqual([
      { role: 'user', content: 'Q: 1+1' },
      { role: 'assistant', content: 'A: 2' },
      { role: 'user', content: 'Q: 3+3' },
    ]);
  });

  it('names the example (counted from 1) whose template has an unknown field', () => {
    const broken = defineProtocol({
      ...base,
      few_shot: {
        examples: [{ question: '1+1', answer: '2' }, { question: '2+2' }],
        user: 'Q: {{question}}',
        assistant: 'A: {{answer}}',
      },
    });
    expect(inputError(() => broken.buildRequest(item))).toBe(
      'sums: item 3: example 2: no field "answer" for {{answer}}',
    );
  });

  it('a named template takes the definition system message; a name that is only an Object property is unknown', () => {
    const named = defineProtocol({
      ...base,
      prompt: { template: 'simple-evals-multiple-choice', system: 'You are a helpful assistant.' },
      extract: 'multiple-choice-letter',
      reference: 'Answer: {{answer}}',
    });
    const messages = named.buildRequest(mcItem).messages;
    expect(messages[0]).toEqual({ role: 'system', content: 'You are a helpful assistant.' });
    expect(messages[1]?.role).toBe('user');
    expect(messages[1]?.content.endsWith('Sky colour?\n\nA) red\nB) blue\nC) green')).toBe(true);
    expect(inputError(() => defineProtocol({ ...base, prompt: { template: 'toString' } }))).toBe(
      'benchmark definition sums: prompt.template: unknown "toString"; known: simple-evals-multiple-choice',
    );
  });

  it('passes the prefill state to the extractor: after-prefix reads past the prefix only when it was not prefilled', () => {
    const prefixed = defineProtocol({
      ...base,
      assistant_prefix: 'The answer is',
      extract: 'after-prefix',
      match: { type: 'exact', ignore_punctuation: true },
    });
    expect(prefixed.score(item, ' 6.', { prefillApplied: true })).toEqual({
      scores: { accuracy: 1 },
      extracted: '6.',
    });
    expect(prefixed.score(item, 'The answer is 6', { prefillApplied: false }).scores.accuracy).toBe(1);
  });

  it('matches with exact by default, and a missing extraction scores 0 whatever the target', () => {
    const empty = defineProtocol({ ...base, extract: { type: 'regex', pattern: 'x(\\d*)' }, target: '' });
    expect(empty.score({ id: '1', data: { question: 'q', answer: '' } }, 'no match')).toEqual({
      scores: { accuracy: 0 },
      extracted: null,
    });
    expect(defineProtocol(base).score(item, 'It is 6!')).toEqual({ scores: { accuracy: 1 }, extracted: '6' });
    expect(defineProtocol(base).score(item, 'It is 66')).toEqual({
      scores: { accuracy: 0 },
      extracted: '66',
    });
  });
});

describe('matchers', () => {
  const create = (name: string, options: Record<string, unknown> = {}) => {
    const entry = matchers[name];
    if (!entry) throw new Error(`no matcher ${name}`);
    return entry.create(entry.options.parse(options));
  };

  it('exact ignore_case folds case only; simple-evals-number compares numbers as simple-evals MGSM does', () => {
    expect(create('exact', { ignore_case: true })('paris', 'Paris')).toBe(true);
    expect(create('exact', { ignore_case: true })('paris.', 'Paris')).toBe(false);
    expect(create('exact', { ignore_case: false })('paris', 'Paris')).toBe(false);
    expect(create('simple-evals-number')('1,800.00', '1800')).toBe(true);
    expect(create('simple-evals-number')('18', '180')).toBe(false);
  });

  it('has a one-line summary for each matcher (listed in the definition docs)', () => {
    expect(matchers.exact?.summary).toBe(
      'lm-eval exact_match: equal after the optional normalisations (nothing is stripped)',
    );
    expect(matchers['simple-evals-number']?.summary).toBe(
      'simple-evals MGSM score_mgsm: commas ignored, trailing zeros after a "." dropped ("18.00" is "18")',
    );
  });
});

describe('multiple-choice variables past Z', () => {
  it('letters a 27th plain choice "?" and keeps the other fields', () => {
    const choices = Array.from({ length: 27 }, (_, index) => `c${index}`);
    const variables = multipleChoiceVariables({ question: 'q', choices, answer: 26 });
    expect(variables.answer).toBe('?');
    expect(variables.answer_text).toBe('c26');
    expect(variables.letters).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZ?');
    expect(variables['choice_z']).toBe('c25');
    expect(variables['choice_?']).toBe('c26');
    expect(variables.question).toBe('q');
  });

  it('slots past Z are named choice_?', () => {
    const variables = multipleChoiceVariables({ question: 'q', choices: ['x'], answer: 0 }, { slots: 27 });
    expect(variables['choice_a']).toBe('x');
    expect(variables['choice_z']).toBe('');
    expect(variables['choice_?']).toBe('');
  });
});
