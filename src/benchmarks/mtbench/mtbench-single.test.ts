import { describe, expect, it } from 'vitest';
import type { GenerateRequest, Item, ModelResponse, StepRequestOptions } from '../../spec/index.ts';
import type { JudgePrompts } from './judge-prompts.ts';
import type { MtbenchData } from './mtbench-data.ts';
import {
  MTBENCH_ANSWER_MAX_TOKENS,
  MTBENCH_TEMPERATURES,
  mtbenchItemScore,
  mtbenchScoredUnits,
  mtbenchSingle,
  mtbenchTurnRequest,
} from './mtbench-single.ts';
import { mtbenchMetrics } from './mtbench-judgments.ts';

const prompt = (name: string, system: string, template: string) => ({
  name,
  systemPrompt: system,
  promptTemplate: template,
});
const judgePrompts: JudgePrompts = {
  single: prompt('single-v1', 'S1', 'Q={question} A={answer}'),
  singleMath: prompt('single-math-v1', 'S1', 'Q={question} R={ref_answer_1} A={answer}'),
  singleMultiTurn: prompt('single-v1-multi-turn', 'S2', '{question_1}|{answer_1}|{question_2}|{answer_2}'),
  singleMathMultiTurn: prompt(
    'single-math-v1-multi-turn',
    'S2',
    '{ref_answer_1}|{ref_answer_2}|{question_1}|{answer_1}|{question_2}|{answer_2}',
  ),
};
const mathItem: Item<MtbenchData> = {
  id: '111',
  group: 'math',
  data: {
    questionId: 111,
    category: 'math',
    turns: ['q1', 'q2'],
    referenceAnswers: ['r1', 'r2'],
    judgePrompts,
  },
};

function response(text: string): ModelResponse {
  return { text, finishReason: 'stop', usage: {}, timing: { totalMs: 1 }, prefillApplied: false };
}

describe('mtbench.single', () => {
  it('asks turn 1 alone, turn 2 with the turn-1 answer, at the category temperature and 1,024 tokens', () => {
    const writing = { ...mathItem.data, category: 'writing' };
    expect([mtbenchTurnRequest(mathItem.data, []), mtbenchTurnRequest(writing, ['a1'])]).toEqual([
      { messages: [{ role: 'user', content: 'q1' }], parameters: { temperature: 0, maxTokens: 1024 } },
      {
        messages: [
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
          { role: 'user', content: 'q2' },
        ],
        parameters: { temperature: 0.7, maxTokens: 1024 },
      },
    ]);
    expect(mtbenchTurnRequest({ ...writing, category: 'stem' }, []).parameters.temperature).toBe(0.1);
  });

  it('runs turn 1, turn 2, then the reference-guided judge for each turn, repeated as asked', async () => {
    const calls: { request: GenerateRequest; options: StepRequestOptions }[] = [];
    const judgeTexts = ['Rating: [[9]]', 'Rating: [7]', 'no rating', 'Rating: [[4]]'];
    const score = await mtbenchSingle.runSteps?.(mathItem, {
      judgeRepeats: 2,
      async generate(request, options) {
        calls.push({ request, options });
        if (options.role === 'model') return response(options.name === 'turn1' ? 'a1' : 'a2');
        return response(judgeTexts.shift() ?? '');
      },
    });
    expect(
      calls.map(({ request, options }) => [
        options.role,
        options.name,
        options.repeat ?? 0,
        request.messages.map((message) => `${message.role}:${message.content}`).join(' '),
      ]),
    ).toEqual([
      ['model', 'turn1', 0, 'user:q1'],
      ['model', 'turn2', 0, 'user:q1 assistant:a1 user:q2'],
      ['judge', 'judge-turn1', 0, 'system:S1 user:Q=q1 R=r1 A=a1'],
      ['judge', 'judge-turn1', 1, 'system:S1 user:Q=q1 R=r1 A=a1'],
      ['judge', 'judge-turn2', 0, 'system:S2 user:r1|r2|q1|a1|q2|a2'],
      ['judge', 'judge-turn2', 1, 'system:S2 user:r1|r2|q1|a1|q2|a2'],
    ]);
    expect(calls[2]?.request.parameters).toEqual({ temperature: 0, maxTokens: 2048 });
    expect(score).toEqual({
      scores: {
        rating_turn1: 8,
        unparsed_turn1: 0,
        rating_turn1_repeat1: 9,
        rating_turn1_repeat2: 7,
        rating_turn2: 4,
        unparsed_turn2: 1,
        rating_turn2_repeat1: null,
        rating_turn2_repeat2: 4,
        rating: 6,
        unparsed: 1,
      },
      extracted: '8 / 4',
    });
  });

  it("sends FastChat's answer system message for the models it uses one for, and Anthropic judges get 1,024 tokens", async () => {
    const run = async (modelId: string, judgeProvider: string) => {
      const calls: { request: GenerateRequest; options: StepRequestOptions }[] = [];
      await mtbenchSingle.runSteps?.(mathItem, {
        judgeRepeats: 1,
        model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId },
        judge: { provider: judgeProvider, endpoint: 'https://judge.example', modelId: 'judge-model' },
        async generate(request, options) {
          calls.push({ request, options });
          return response(options.role === 'model' ? 'answer' : 'Rating: [[5]]');
        },
      });
      return {
        turn1: calls[0]?.request.messages[0],
        turn2: calls[1]?.request.messages.map((message) => message.role),
        judgeMaxTokens: calls
          .filter((call) => call.options.role === 'judge')
          .map((call) => call.request.parameters.maxTokens),
      };
    };
    // FastChat's `chatgpt` template (ChatGPTAdapter) for gpt-4 / gpt-3.5-turbo.
    expect(await run('gpt-4', 'openai')).toEqual({
      turn1: { role: 'system', content: 'You are a helpful assistant.' },
      turn2: ['system', 'user', 'assistant', 'user'],
      judgeMaxTokens: [2048, 2048],
    });
    // gpt-4o-mini-2024-07-18 → the `gpt-mini` template, placeholder as FastChat sends it.
    expect((await run('gpt-4o-mini-2024-07-18', 'openai')).turn1?.content).toContain(
      'Current date: {{currentDateTime}}',
    );
    // Not an OpenAI model FastChat lists: no system message; an Anthropic judge: FastChat's 1,024 tokens.
    expect(await run('llama-3.1-8b-instruct', 'anthropic')).toEqual({
      turn1: { role: 'user', content: 'q1' },
      turn2: ['user', 'assistant', 'user'],
      judgeMaxTokens: [1024, 1024],
    });
  });

  it('an unparsed turn is left out of the item rating; units are one per judged turn', () => {
    const score = mtbenchItemScore([[8], [null]]);
    expect(score).toEqual({
      scores: {
        rating_turn1: 8,
        unparsed_turn1: 0,
        rating_turn2: null,
        unparsed_turn2: 1,
        rating: 8,
        unparsed: 1,
      },
      extracted: '8 / ?',
    });
    expect(mtbenchScoredUnits(score.scores)).toEqual([
      { rating: 8, rating_turn1: 8, unparsed: 0 },
      { rating: null, rating_turn2: null, unparsed: 1 },
    ]);
  });

  it("a turn's rating is the median of its repeats; units carry each repeat (worked by hand)", () => {
    const score = mtbenchItemScore([
      [9, 3, 5],
      [null, null],
    ]);
    expect(score.scores).toEqual({
      rating_turn1: 5,
      unparsed_turn1: 0,
      rating_turn1_repeat1: 9,
      rating_turn1_repeat2: 3,
      rating_turn1_repeat3: 5,
      rating_turn2: null,
      unparsed_turn2: 2,
      rating_turn2_repeat1: null,
      rating_turn2_repeat2: null,
      rating: 5,
      unparsed: 2,
    });
    expect(mtbenchScoredUnits(score.scores)).toEqual([
      { rating: 5, rating_turn1: 5, unparsed: 0, rating_repeat1: 9, rating_repeat2: 3, rating_repeat3: 5 },
      { rating: null, rating_turn2: null, unparsed: 2, rating_repeat1: null, rating_repeat2: null },
    ]);
    // Even count: 2, 4, 8, 10 sorted → (4 + 8) / 2.
    expect(mtbenchItemScore([[2, 10, 4, 8]]).scores.rating).toBe(6);
    expect(mtbenchItemScore([[null], [null]]).scores.rating).toBeNull();
    expect(mtbenchScoredUnits({ rating_turn2: 6, unparsed_turn2: 0 })).toEqual([
      { rating: 6, rating_turn2: 6, unparsed: 0 },
    ]);
  });
});

describe('mtbench.single settings (FastChat llm_judge common.py temperature_config, gen_model_answer.py)', () => {
  it('answers at the temperature of each category, 0.7 for any other, with at most 1,024 new tokens', () => {
    const temperatures = Object.fromEntries(
      ['writing', 'roleplay', 'extraction', 'math', 'coding', 'reasoning', 'stem', 'humanities', 'other'].map(
        (category) => [
          category,
          mtbenchTurnRequest({ ...mathItem.data, category }, []).parameters.temperature,
        ],
      ),
    );
    expect(temperatures).toEqual({
      writing: 0.7,
      roleplay: 0.7,
      extraction: 0,
      math: 0,
      coding: 0,
      reasoning: 0,
      stem: 0.1,
      humanities: 0.1,
      other: 0.7,
    });
    expect(Object.keys(MTBENCH_TEMPERATURES)).toHaveLength(8);
    expect(MTBENCH_ANSWER_MAX_TOKENS).toBe(1024);
  });

  it('puts a system message before the turns when given one, and an empty turn-1 answer when none is known', () => {
    expect(mtbenchTurnRequest(mathItem.data, [], { systemMessage: 'sys' }).messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'q1' },
    ]);
    expect(mtbenchTurnRequest(mathItem.data, ['a1'], { systemMessage: 'sys' }).messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ]);
    // Sparse earlier answers (no turn-1 text) still give the three-message turn-2 conversation.
    expect(mtbenchTurnRequest(mathItem.data, [undefined as unknown as string]).messages).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'q2' },
    ]);
  });

  it('is the judged multi-step protocol of mtbench; a lone completion is unscored', () => {
    expect(mtbenchSingle).toMatchObject({
      kind: 'multi-step',
      id: 'mtbench.single',
      version: 2,
      benchmark: 'mtbench',
      needsJudge: true,
      metrics: mtbenchMetrics,
    });
    expect(mtbenchSingle.description).toMatch(/^MT-Bench: two turns per question, each graded 1–10/);
    expect(mtbenchSingle.buildRequest(mathItem)).toEqual(mtbenchTurnRequest(mathItem.data, []));
    expect(mtbenchSingle.score(mathItem, 'an answer')).toEqual({ scores: { rating: null }, extracted: null });
    expect(mtbenchSingle.referenceCompletion(mathItem)).toBe('r1');
    const { referenceAnswers: _, ...withoutReference } = mathItem.data;
    expect(mtbenchSingle.referenceCompletion({ ...mathItem, data: withoutReference })).toBe('');
  });

  it('median and mean worked by hand: odd and even repeats, unsorted input, decimal ratings', () => {
    // Turn 1: 7, 1, 4 → median 4; turn 2: 9.5, 2, 6, 3 → sorted 2, 3, 6, 9.5 → (3 + 6) / 2 = 4.5.
    const score = mtbenchItemScore([
      [7, 1, 4],
      [9.5, 2, 6, 3],
    ]);
    expect(score.scores).toMatchObject({ rating_turn1: 4, rating_turn2: 4.5, rating: 4.25, unparsed: 0 });
    expect(score.extracted).toBe('4 / 4.5');
    // Numeric (not string) sort: 10 above 9; one rating is its own median.
    expect(mtbenchItemScore([[10, 9, 2]]).scores.rating_turn1).toBe(9);
    expect(mtbenchItemScore([[3]]).scores).toEqual({
      rating_turn1: 3,
      unparsed_turn1: 0,
      rating: 3,
      unparsed: 0,
    });
    // Unparsed repeats count per turn and in total, and are left out of the median.
    expect(mtbenchItemScore([[null, 8, 2], [null]]).scores).toMatchObject({
      rating_turn1: 5,
      unparsed_turn1: 1,
      rating_turn2: null,
      unparsed_turn2: 1,
      rating: 5,
      unparsed: 2,
    });
  });

  it('units: a turn without an unparsed count counts 0; repeats stop at the first missing one', () => {
    expect(mtbenchScoredUnits({ rating_turn1: 7, rating_turn1_repeat1: 7, rating_turn1_repeat3: 2 })).toEqual(
      [{ rating: 7, rating_turn1: 7, unparsed: 0, rating_repeat1: 7 }],
    );
    expect(mtbenchScoredUnits({ rating_turn1: null })).toEqual([
      { rating: null, rating_turn1: null, unparsed: 0 },
    ]);
    expect(mtbenchScoredUnits({ rating: 5 })).toEqual([]);
  });
});
