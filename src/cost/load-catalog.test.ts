import { describe, expect, it } from 'vitest';
import { loadGpuCatalog, loadModelCatalog } from './load-catalog.ts';

describe('shipped catalogs', () => {
  const catalog = loadModelCatalog();

  it('holds the models the article names, with figures for sizing where weights are open', () => {
    const ids = catalog.models.map((model) => model.id);
    for (const id of [
      'llama-3.1-8b-instruct',
      'llama-3.1-70b-instruct',
      'llama-3.1-405b-instruct',
      'deepseek-v3',
      'mistral-large-2407',
      'mixtral-8x22b-instruct',
      'qwen-2.5-72b-instruct',
      'gpt-4o',
      'claude-3.5-sonnet',
      'gemini-1.5-pro',
    ]) {
      expect(ids).toContain(id);
    }
    for (const model of catalog.models.filter((entry) => entry.openWeights)) {
      expect(model.parameters, model.id).toBeDefined();
      expect(model.architecture, model.id).toBeDefined();
    }
  });

  it('gives every price, score and throughput a source and an as-of date', () => {
    for (const model of catalog.models) {
      expect(model.factsSource).not.toBe('');
      for (const entry of [...model.apiPrices, ...model.scores, ...model.throughput]) {
        expect(entry.source, model.id).not.toBe('');
        expect(entry.asOf, model.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    for (const gpu of loadGpuCatalog().gpus) {
      expect(gpu.priceSource).not.toBe('');
      expect(gpu.priceAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
