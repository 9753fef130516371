import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InputError, type Item } from '../../spec/index.ts';
import { arcParityCot } from '../arc/arc-parity-cot.ts';
import type { ArcData } from '../arc/arc-data.ts';
import { taskRequest } from '../../tasks/task-protocol.ts';
import { defineTask } from '../../tasks/task-schema.ts';
import { serializeRequests, serializeScores } from '../protocol-fingerprint-for-tests.ts';
import { defineBenchmark } from './define-benchmark.ts';
import { defineProtocol } from './define-protocol.ts';
import type { ProtocolDefinition } from './protocol-definition.ts';

const arcItem: Item<ArcData> = {
  id: 'Mercury_7175875',
  data: {
    question: 'Which is the most likely effect?',
    choices: [
      { letter: 'A', text: 'Density will decrease.' },
      { letter: 'B', text: 'Years will become longer.' },
      { letter: 'C', text: 'Days will become shorter.' },
    ],
    answer: 'C',
  },
};

/** arc.parity.cot.0shot as a YAML file would write it. */
const arcParityYaml = `
id: arc.parity.cot.0shot
version: 1
former_ids: [arc.challenge]
benchmark: arc
description: 'ARC-Challenge 0-shot chain of thought, parity''s own protocol (simple-evals multiple-choice template, "Answer: X")'
prompt: {template: simple-evals-multiple-choice}
generation: {temperature: 0, max_tokens: 1024}
extract: {type: multiple-choice-letter, letters: ABCDE}
match: exact
reference: "Let's think step by step.\\n\\nAnswer: {{answer}}"
`;

function inputError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('no error');
}

const minimal: ProtocolDefinition = {
  id: 'quiz.cot',
  version: 1,
  benchmark: 'quiz',
  description: 'a quiz',
  prompt: { template: 'simple-evals-multiple-choice' },
  extract: 'multiple-choice-letter',
  reference: 'Answer: {{answer}}',
};

describe('defineProtocol', () => {
  it('compiles a YAML definition to the same protocol as the TypeScript one (requests and scores)', () => {
    const fromYaml = defineProtocol<ArcData>(parse(arcParityYaml) as ProtocolDefinition<ArcData>);
    expect(serializeRequests(fromYaml, [arcItem])).toBe(serializeRequests(arcParityCot, [arcItem]));
    expect(serializeScores(fromYaml, [arcItem])).toBe(serializeScores(arcParityCot, [arcItem]));
    expect({ formerIds: fromYaml.formerIds, metrics: fromYaml.metrics }).toEqual({
      formerIds: ['arc.challenge'],
      metrics: [{ name: 'accuracy', itemScore: 'accuracy', aggregate: 'mean', kind: 'proportion' }],
    });
  });

  it('letters plain-string choices and takes an index as the answer (rows as users write them)', () => {
    const protocol = defineProtocol(minimal);
    const item: Item = { id: '1', data: { question: 'Two plus two?', choices: ['3', '4', '5'], answer: 1 } };
    expect(protocol.buildRequest(item)).toEqual({
      messages: [
        {
          role: 'user',
          content:
            "Answer the following multiple choice question. The last line of your response should be of the following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABC. Think step by step before answering.\n\n" +
            'Two plus two?\n\nA) 3\nB) 4\nC) 5',
        },
      ],
      parameters: { temperature: 0 },
    });
    expect(protocol.score(item, protocol.referenceCompletion(item))).toEqual({
      scores: { accuracy: 1 },
      extracted: 'B',
    });
    expect(protocol.score(item, 'Answer: b')).toEqual({ scores: { accuracy: 0 }, extracted: 'b' });
  });

  it('uses a row without choices as its variables, with a regex extractor and a matcher option', () => {
    const protocol = defineProtocol({
      id: 'capitals',
      version: 2,
      benchmark: 'capitals',
      description: 'capitals',
      prompt: { system: 'Be brief.', user: 'Capital of {{country}}?' },
      generation: { max_tokens: 8, stop: ['\n'] },
      extract: { type: 'regex', pattern: 'is (\\w+)' },
      match: { type: 'exact', ignore_case: true },
      target: '{{capital}}',
      reference: 'It is {{capital}}.',
    });
    const item: Item = { id: 'fr', data: { country: 'France', capital: 'Paris' } };
    expect(JSON.stringify(protocol.buildRequest(item))).toBe(
      JSON.stringify({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Capital of France?' },
        ],
        parameters: { temperature: 0, maxTokens: 8, stop: ['\n'] },
      }),
    );
    expect(protocol.score(item, 'The answer is PARIS').scores.accuracy).toBe(1);
    expect(protocol.score(item, protocol.referenceCompletion(item)).scores.accuracy).toBe(1);
    expect(protocol.score(item, 'No idea')).toEqual({ scores: { accuracy: 0 }, extracted: null });
    expect(() => protocol.buildRequest({ id: 'x', data: { capital: 'Rome' } })).toThrow(
      'capitals: item x: no field "country" for {{country}}',
    );
  });

  it('sends few-shot examples as user/assistant turns after the system message, from the definition or per item', () => {
    const definition: ProtocolDefinition<{ question: string; answer: string; shots?: unknown[] }> = {
      id: 'sums',
      version: 1,
      benchmark: 'sums',
      description: 'sums',
      prompt: { system: 'Add.', user: 'Q: {{question}}' },
      few_shot: {
        examples: [
          { question: '1+1', answer: '2' },
          { question: '2+2', answer: '4' },
        ],
        user: 'Q: {{question}}',
        assistant: 'A: {{answer}}',
      },
      extract: { type: 'regex', pattern: 'A: (\\d+)' },
      reference: 'A: {{answer}}',
    };
    const item = {
      id: '3',
      data: { question: '3+3', answer: '6', shots: [{ question: '5+5', answer: '10' }] },
    };
    expect(defineProtocol(definition).buildRequest(item).messages).toEqual([
      { role: 'system', content: 'Add.' },
      { role: 'user', content: 'Q: 1+1' },
      { role: 'assistant', content: 'A: 2' },
      { role: 'user', content: 'Q: 2+2' },
      { role: 'assistant', content: 'A: 4' },
      { role: 'user', content: 'Q: 3+3' },
    ]);
    const perItem = defineProtocol({ ...definition, examples: (data) => data.shots ?? [] });
    expect(perItem.buildRequest(item).messages.map((message) => message.content)).toEqual([
      'Add.',
      'Q: 5+5',
      'A: 10',
      'Q: 3+3',
    ]);
    expect(perItem.score(item, 'A: 6').scores.accuracy).toBe(1);
  });

  it('sends the same bytes as a task file with the same prompt and generation blocks', () => {
    const prompt = { system: 'You route tickets.', user: 'Ticket: {{text}}\nAnswer with one word.' };
    const generation = { temperature: 0.2, top_p: 0.9, max_tokens: 16, stop: ['\n'], seed: 7 };
    const task = defineTask({
      id: 'triage',
      version: 1,
      dataset: 'tickets.jsonl',
      prompt,
      generation,
      graders: [{ type: 'exact', value: '{{label}}' }],
    });
    const definition = defineProtocol({
      id: 'triage',
      version: 1,
      benchmark: 'triage',
      description: 'triage',
      prompt,
      generation,
      extract: { type: 'regex', pattern: '(\\w+)' },
      target: '{{label}}',
      reference: '{{label}}',
    });
    const fields = { text: 'I was charged twice', label: 'billing' };
    expect(JSON.stringify(definition.buildRequest({ id: '1', data: fields }))).toBe(
      JSON.stringify(taskRequest(task, { id: '1', data: { fields } }, 'tickets.yaml')),
    );
  });

  it('refuses a bad definition with one line naming the field (and the known names)', () => {
    expect(inputError(() => defineProtocol({ ...minimal, extract: 'first-letter' }))).toBe(
      'benchmark definition quiz.cot: extract: unknown "first-letter"; known: multiple-choice-letter, ' +
        'multiple-choice-letter-multilingual, after-prefix, last-number-after-prefix, regex',
    );
    expect(
      inputError(() =>
        defineProtocol({ ...minimal, extract: { type: 'multiple-choice-letter', letters: 'a-d' } }),
      ),
    ).toMatch(/^benchmark definition quiz\.cot: extract\.letters: use capital letters/);
    expect(
      inputError(() => defineProtocol({ ...minimal, match: { type: 'exact', ignore_case: 'yes' } })),
    ).toMatch(/^benchmark definition quiz\.cot: match\.ignore_case: /);
    expect(inputError(() => defineProtocol({ ...minimal, prompt: { template: 'mmlu' } }))).toBe(
      'benchmark definition quiz.cot: prompt.template: unknown "mmlu"; known: simple-evals-multiple-choice',
    );
    expect(inputError(() => defineProtocol({ ...minimal, version: 0 }))).toMatch(
      /^benchmark definition quiz\.cot: version: /,
    );
    const { reference: _reference, ...noReference } = minimal as typeof minimal & { reference: string };
    expect(inputError(() => defineProtocol(noReference as ProtocolDefinition))).toMatch(
      /^benchmark definition quiz\.cot: reference: /,
    );
    expect(inputError(() => defineProtocol({ ...minimal, temperature: 0 } as ProtocolDefinition))).toMatch(
      /^benchmark definition quiz\.cot: .*temperature/,
    );
  });
});

describe('defineBenchmark', () => {
  const protocol = defineProtocol(minimal);
  const load = async () => [];

  it('makes the first protocol the default unless told otherwise', () => {
    expect(defineBenchmark({ id: 'quiz', load, protocols: [protocol] }).defaultProtocol).toBe('quiz.cot');
  });

  it('refuses protocols of another benchmark and an unknown default', () => {
    expect(() => defineBenchmark({ id: 'other', load, protocols: [protocol] })).toThrow(
      'protocol quiz.cot names benchmark "quiz", not "other"',
    );
    expect(() => defineBenchmark({ id: 'quiz', load, protocols: [protocol], default_protocol: 'x' })).toThrow(
      'default_protocol "x"',
    );
  });
});
