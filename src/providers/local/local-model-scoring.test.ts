import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamPart } from '../../spec/language-model.ts';
import { createLocalModel, type LocalModel } from './local-model.ts';
import { probeLlama } from './probe-llama.test-helper.ts';
import { writeTinyGguf } from './tiny-gguf.ts';

const directory = mkdtempSync(join(tmpdir(), 'parity-local-scoring-'));
const modelPath = join(directory, 'tiny.gguf');
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const llamaProblem = await probeLlama();

describe.skipIf(llamaProblem !== undefined)(
  `local model scoring, streaming and raw completion (${llamaProblem ?? 'native binary loads'})`,
  () => {
    let model: LocalModel;
    beforeAll(async () => {
      await writeTinyGguf(modelPath, { contextLength: 1024 });
      model = createLocalModel({ modelPath, threads: 1, contextSize: 512, now: () => performance.now() });
    });
    afterAll(() => model.close?.());

    it('gives deterministic, finite log-likelihoods per continuation', async () => {
      const request = { context: 'the answer is', continuations: [' A', ' B', ' C', ' D'] };
      const first = await model.logLikelihood(request, {});
      const second = await model.logLikelihood(request, {});
      expect(first.logLikelihoods).toHaveLength(4);
      expect(first.logLikelihoods.every((value) => Number.isFinite(value) && value < 0)).toBe(true);
      expect(second.logLikelihoods).toEqual(first.logLikelihoods);
      expect(first.isGreedy).toHaveLength(4);
    });

    it('scores every token of a text in order, each with a log-probability (consistency with logLikelihood: below)', async () => {
      const scored = await model.scoreText('the answer is best', {});
      expect(scored.tokens.join('')).toBe('the answer is best'.slice(scored.textOffsets[0]));
      // The model prepends BOS, so even the first text token has a log-probability.
      expect(scored.tokenLogprobs.every((value) => typeof value === 'number' && value < 0)).toBe(true);
      expect(scored.textOffsets).toEqual([...scored.textOffsets].sort((a, b) => a - b));
    });

    it('obeys the chain rule: log P(a b | c) = log P(a | c) + log P(b | c a)', async () => {
      // Splits at word boundaries, where the tiny vocabulary's tokenization of the pair is the concatenation.
      const context = 'the answer';
      const [whole, first, second] = await Promise.all([
        model.logLikelihood({ context, continuations: [' is best'] }, {}),
        model.logLikelihood({ context, continuations: [' is'] }, {}),
        model.logLikelihood({ context: `${context} is`, continuations: [' best'] }, {}),
      ]);
      const sum = (first.logLikelihoods[0] as number) + (second.logLikelihoods[0] as number);
      expect(whole.logLikelihoods[0]).toBeCloseTo(sum, 4);
      // A longer continuation is a conjunction of events: strictly less likely than its first word alone.
      expect(whole.logLikelihoods[0]).toBeLessThan(first.logLikelihoods[0] as number);
    });

    it('agrees with the echoed per-token log-probabilities of the whole text', async () => {
      const context = 'the answer is';
      const [scored, likelihood] = await Promise.all([
        model.scoreText(`${context} best`, {}),
        model.logLikelihood({ context, continuations: [' best'] }, {}),
      ]);
      const continuationLogprobs = scored.tokenLogprobs.filter(
        (_value, index) => (scored.textOffsets[index] as number) >= context.length,
      );
      expect(continuationLogprobs.length).toBeGreaterThan(0);
      const total = continuationLogprobs.reduce<number>((sum, value) => sum + (value as number), 0);
      expect(likelihood.logLikelihoods[0]).toBeCloseTo(total, 4);
    });

    it('calls greedy exactly the likeliest next token, as the echoed top log-probabilities show it', async () => {
      const context = 'the answer';
      const scored = await model.scoreText(`${context} is`, {});
      const atNext = scored.textOffsets.findIndex((offset) => offset >= context.length);
      const top = Object.entries(scored.topLogprobs[atNext] ?? {})[0];
      expect(top).toBeDefined();
      const [bestPiece, bestLogprob] = top as [string, number];
      const [best, actual] = await Promise.all([
        model.logLikelihood({ context, continuations: [bestPiece] }, {}),
        model.logLikelihood({ context, continuations: [' is'] }, {}),
      ]);
      expect(best.logLikelihoods[0]).toBeCloseTo(bestLogprob, 4);
      expect(best.isGreedy).toEqual([true]);
      expect(actual.logLikelihoods[0]).toBeCloseTo(scored.tokenLogprobs[atNext] as number, 4);
      expect(actual.isGreedy).toEqual([bestPiece === ' is']);
      expect(actual.logLikelihoods[0]).toBeLessThanOrEqual(bestLogprob + 1e-9);
    });

    it('streams the same text generate returns, ending with finish', async () => {
      const request = {
        messages: [{ role: 'user' as const, content: 'hello there' }],
        parameters: { temperature: 0, maxTokens: 8 },
      };
      const result = await model.generate(request, {});
      const parts: StreamPart[] = [];
      for await (const part of model.stream(request, {})) parts.push(part);
      const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
      expect(text).toBe(result.text);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: result.finishReason });
    });

    it('completes raw text without a chat template', async () => {
      const result = await model.complete({ prompt: 'the answer', maxTokens: 5, temperature: 0 }, {});
      expect(result.finishReason).toBe('length');
      expect(result.usage.outputTokens).toBe(5);
      expect(typeof result.text).toBe('string');
    });
  },
);
