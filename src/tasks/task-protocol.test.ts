import { describe, expect, it } from 'vitest';
import type { GenerateRequest, ModelResponse, StepContext } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { hasBinaryScore, parseGraderResults, taskProtocol } from './task-protocol.ts';
import { taskSchema, type TaskDefinition } from './task-schema.ts';

const reply = (text: string): ModelResponse =>
  ({ text, usage: { inputTokens: 1, outputTokens: 1 }, timing: { totalMs: 1 } }) as ModelResponse;

/** Runs one item through the protocol's steps with a fixed model answer and judge answer. */
async function gradeOnce(
  task: TaskDefinition,
  fields: Record<string, unknown>,
  answer: string,
  judgment = '',
) {
  const sent: { request: GenerateRequest; role: string }[] = [];
  const context: StepContext = {
    judgeRepeats: 1,
    generate: (request, options) => {
      sent.push({ request, role: options.role });
      return Promise.resolve(reply(options.role === 'judge' ? judgment : answer));
    },
  };
  const protocol = taskProtocol(task, '/tasks/t.yaml');
  const scored = await (protocol.runSteps?.({ id: '1', data: { fields } }, context) ??
    Promise.reject(new Error('no steps')));
  return { scored, sent, results: parseGraderResults(scored.extracted) };
}

const base = { id: 't', version: 1, dataset: 'd.jsonl', prompt: { user: 'Q: {{q}}' } } as const;

describe('taskProtocol', () => {
  it('item score is the weighted mean of grader scores; variables fill values', async () => {
    const task = taskSchema.parse({
      ...base,
      graders: [
        { type: 'includes', value: '{{label}}', weight: 3 },
        { type: 'number', value: '{{n}}', name: 'amount' },
      ],
    });
    const { scored, sent, results } = await gradeOnce(task, { q: 'x', label: 'bug', n: 12 }, 'bug, 13 times');
    expect(sent[0]?.request.messages).toEqual([{ role: 'user', content: 'Q: x' }]);
    expect(scored.scores).toEqual({
      score: 0.75,
      'grader.includes': 1,
      'pass.includes': 1,
      'grader.amount': 0,
      'pass.amount': 0,
    });
    expect(results?.map((result) => result.name)).toEqual(['includes', 'amount']);
    expect(hasBinaryScore(task)).toBe(false);
  });

  it('aggregate all: 1 only when every grader passes', async () => {
    const task = taskSchema.parse({
      ...base,
      aggregate: 'all',
      graders: [
        { type: 'exact', value: 'yes', ignore_case: true },
        { type: 'regex', pattern: '^Y' },
      ],
    });
    expect(hasBinaryScore(task)).toBe(true);
    expect((await gradeOnce(task, { q: '' }, 'Yes')).scored.scores.score).toBe(1);
    expect((await gradeOnce(task, { q: '' }, 'yes')).scored.scores.score).toBe(0);
  });

  it('a rubric grader asks the judge with the filled rubric; no rating leaves the item unscored', async () => {
    const task = taskSchema.parse({
      ...base,
      graders: [{ type: 'llm_rubric', rubric: 'Mentions {{topic}}.', scale: { min: 0, max: 4 } }],
    });
    const good = await gradeOnce(task, { q: 'why?', topic: 'tides' }, 'the moon', 'Good. [[3]]');
    expect(good.sent.map((entry) => entry.role)).toEqual(['model', 'judge']);
    expect(good.sent[1]?.request.messages.at(-1)?.content).toContain('Mentions tides.');
    expect(good.sent[1]?.request.messages.at(-1)?.content).toContain('[Input]\nQ: why?');
    expect(good.scored.scores).toMatchObject({ score: 0.75, 'pass.llm_rubric': 0 });
    const unrated = await gradeOnce(task, { q: '', topic: '' }, 'x', 'I cannot rate this.');
    expect(unrated.scored.scores).toMatchObject({ score: null, 'pass.llm_rubric': null });
  });

  it('--judge-repeats: a rubric grader asks the judge k times (repeat 0..k-1) and scores the mean rating', async () => {
    const task = taskSchema.parse({
      ...base,
      graders: [{ type: 'llm_rubric', rubric: 'Polite.', scale: { min: 1, max: 5 }, pass_at: 4 }],
    });
    const judgments = ['ok [[5]]', 'meh [[2]]', 'no rating here', 'fine [[4]]'];
    const repeats: (number | undefined)[] = [];
    const context: StepContext = {
      judgeRepeats: 4,
      generate: (_request, options) => {
        if (options.role === 'model') return Promise.resolve(reply('hello'));
        repeats.push(options.repeat);
        return Promise.resolve(reply(judgments[options.repeat ?? 0] ?? ''));
      },
    };
    const protocol = taskProtocol(task, '/tasks/t.yaml');
    const scored = await (protocol.runSteps?.({ id: '1', data: { fields: { q: '' } } }, context) ??
      Promise.reject(new Error('no steps')));
    expect(repeats).toEqual([0, 1, 2, 3]);
    // Ratings 5, 2, 4 on 1..5 → scores 1, 0.25, 0.75 → mean 2/3; mean rating 11/3 < pass_at 4.
    expect(scored.scores.score).toBeCloseTo(2 / 3, 10);
    expect(scored.scores['pass.llm_rubric']).toBe(0);
    const [result] = parseGraderResults(scored.extracted) ?? [];
    expect(result?.reason).toMatch(
      /^mean rating 3\.667\/5 over 3 judgments, 1 without a usable rating left out/,
    );
    expect(result?.reason).toContain('[repeat 3] no [[rating]] in the judgment');
  });

  it('--judge-repeats: no usable rating in any repeat leaves the item unscored', async () => {
    const task = taskSchema.parse({ ...base, graders: [{ type: 'llm_rubric', rubric: 'Polite.' }] });
    const context: StepContext = {
      judgeRepeats: 2,
      generate: (_request, options) => Promise.resolve(reply(options.role === 'model' ? 'hi' : 'I refuse.')),
    };
    const scored = await (taskProtocol(task, 'f').runSteps?.(
      { id: '1', data: { fields: { q: '' } } },
      context,
    ) ?? Promise.reject(new Error('no steps')));
    expect(scored.scores).toMatchObject({ score: null, 'grader.llm_rubric': null, 'pass.llm_rubric': null });
  });

  it('names graders by type, numbered, and refuses the same name twice', () => {
    const task = taskSchema.parse({
      ...base,
      graders: [
        { type: 'includes', value: 'a' },
        { type: 'includes', value: 'b' },
      ],
    });
    expect(taskProtocol(task, 'f').metrics.map((metric) => metric.name)).toEqual([
      'score',
      'pass_rate.includes',
      'pass_rate.includes_2',
    ]);
    const twice = taskSchema.parse({
      ...base,
      graders: [
        { type: 'includes', value: 'a', name: 'x' },
        { type: 'exact', value: 'b', name: 'x' },
      ],
    });
    expect(() => taskProtocol(twice, 'f')).toThrow(InputError);
  });

  it('an unknown variable is an error naming the item', async () => {
    const task = taskSchema.parse({ ...base, graders: [{ type: 'exact', value: '{{missing}}' }] });
    await expect(gradeOnce(task, { q: '' }, 'x')).rejects.toThrow(/item 1: graders\[0\]: no field "missing"/);
  });
});
