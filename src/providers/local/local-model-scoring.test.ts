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

    it('scores every token of a text consistently with the log-likelihood of its end', async () => {
      const scored = await model.scoreText('the answer is best', {});
      expect(scored.tokens.join('')).toBe('the answer is best'.slice(scored.textOffsets[0]));
      // The model prepends BOS, so even the first text token has a log-probability.
      expect(scored.tokenLogprobs.every((value) => typeof value === 'number' && value < 0)).toBe(true);
      expect(scored.textOffsets).toEqual([...scored.textOffsets].sort((a, b) => a - b));
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
