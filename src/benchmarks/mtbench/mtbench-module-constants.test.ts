import { describe, expect, it } from 'vitest';

// The metric list, the judgment-line schema, the temperature table and the protocol object are built when their
// modules load; they are imported inside each test (not at the top) because only a load inside a test counts as
// that test's coverage in the mutation run (decision 0290).
const loadJudgments = () => import('./mtbench-judgments.ts');
const loadSingle = () => import('./mtbench-single.ts');

describe('MT-Bench module constants', () => {
  it('metrics: the mean rating over judged turns, then per turn; judgment lines as FastChat writes them', async () => {
    const { mtbenchMetrics, judgmentLineSchema } = await loadJudgments();
    expect(mtbenchMetrics).toEqual([
      { name: 'score', itemScore: 'rating', aggregate: 'mean', kind: 'graded' },
      { name: 'score_turn1', itemScore: 'rating_turn1', aggregate: 'mean', kind: 'graded' },
      { name: 'score_turn2', itemScore: 'rating_turn2', aggregate: 'mean', kind: 'graded' },
    ]);
    const line = { question_id: 81, model: 'm', judgment: 'Rating: [[7]]', turn: 1 };
    expect(judgmentLineSchema.parse(line)).toEqual({ ...line, question_id: '81' });
    expect(judgmentLineSchema.parse({ ...line, question_id: 'x', turn: 2 })).toMatchObject({
      question_id: 'x',
      turn: 2,
    });
    for (const bad of [{ ...line, question_id: 1.5 }, { ...line, turn: 3 }, { ...line, model: 1 }, {}]) {
      expect(judgmentLineSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("protocol: FastChat's answer temperatures and the judged two-turn protocol's fields", async () => {
    const { MTBENCH_TEMPERATURES, mtbenchSingle, mtbenchTurnRequest } = await loadSingle();
    expect(MTBENCH_TEMPERATURES).toEqual({
      writing: 0.7,
      roleplay: 0.7,
      extraction: 0,
      math: 0,
      coding: 0,
      reasoning: 0,
      stem: 0.1,
      humanities: 0.1,
    });
    expect(mtbenchSingle).toMatchObject({
      kind: 'multi-step',
      id: 'mtbench.single',
      version: 2,
      benchmark: 'mtbench',
      needsJudge: true,
    });
    expect(mtbenchSingle.description).toBe(
      'MT-Bench: two turns per question, each graded 1–10 by a judge model (FastChat single-answer prompts)',
    );
    const item = {
      id: '81',
      group: 'writing',
      data: {
        questionId: 81,
        category: 'writing',
        turns: ['q1', 'q2'] as const,
        referenceAnswers: ['r1', 'r2'] as const,
      },
    };
    expect(mtbenchSingle.buildRequest(item)).toEqual(mtbenchTurnRequest(item.data, []));
    expect(mtbenchSingle.score(item, 'answer')).toEqual({ scores: { rating: null }, extracted: null });
    expect(mtbenchSingle.referenceCompletion(item)).toBe('r1');
    expect(mtbenchSingle.scoredUnits?.({ rating_turn1: 4, unparsed_turn1: 0 })).toEqual([
      { rating: 4, rating_turn1: 4, unparsed: 0 },
    ]);
  });
});
