import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { architectureSchema, modelCatalogSchema } from './catalog-types.ts';
import { catalogPriceForSpec, shippedCatalogFor } from './catalog-price-for-spec.ts';
import { loadGpuCatalog, loadModelCatalog, shippedCatalogMayName } from './load-catalog.ts';

const folder = mkdtempSync(join(tmpdir(), 'parity-catalog-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function failure(load: () => unknown): InputError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const modelEntry = (id: string): string =>
  `  - { id: ${id}, name: N, vendor: V, open_weights: false, licence: { id: p, commercial_use: true }, fine_tunable: false, context_tokens: 1000, facts_source: s, facts_as_of: '2026-01-01' }\n`;
const gpuEntry = (id: string): string =>
  `  - { id: ${id}, name: G, memory_gb: 80, memory_bandwidth_gb_per_second: 3000, dense_tflops: { bf16: 900 }, spec_source: s, hourly_usd: 2, price_source: s, price_as_of: '2026-01-01' }\n`;

describe('loading catalogs', () => {
  it('reads a catalog file given by path, snake_case into camelCase', () => {
    const models = loadModelCatalog(file('models.yaml', `models:\n${modelEntry('a')}${modelEntry('b')}`));
    expect(models.models.map((model) => [model.id, model.contextTokens, model.factsAsOf])).toEqual([
      ['a', 1000, '2026-01-01'],
      ['b', 1000, '2026-01-01'],
    ]);
    const gpus = loadGpuCatalog(file('gpus.yaml', `gpus:\n${gpuEntry('x')}${gpuEntry('y')}`));
    expect(gpus.gpus.map((gpu) => [gpu.id, gpu.memoryBandwidthGbPerSecond])).toEqual([
      ['x', 3000],
      ['y', 3000],
    ]);
  });

  it('refuses a duplicate id, naming it and the file (exit code 2)', () => {
    const models = file('dup-models.yaml', `models:\n${modelEntry('a')}${modelEntry('b')}${modelEntry('a')}`);
    const modelError = failure(() => loadModelCatalog(models));
    expect(modelError.message).toBe(`${models}: duplicate id 'a'`);
    expect(modelError.exitCode).toBe(2);
    const gpus = file('dup-gpus.yaml', `gpus:\n${gpuEntry('x')}${gpuEntry('x')}`);
    expect(failure(() => loadGpuCatalog(gpus)).message).toBe(`${gpus}: duplicate id 'x'`);
  });

  it('names a file it cannot read, and a field the schema refuses', () => {
    const missing = join(folder, 'missing.yaml');
    const unreadable = failure(() => loadModelCatalog(missing));
    expect(unreadable.message).toMatch(/^\/.*missing\.yaml: cannot read: ENOENT/);
    expect(unreadable.message.startsWith(`${missing}: cannot read: `)).toBe(true);
    expect(unreadable.cause).toBeInstanceOf(Error);
    expect(failure(() => loadGpuCatalog(join(folder, 'no-gpus.yaml'))).message).toMatch(
      /no-gpus\.yaml: cannot read: ENOENT/,
    );
    const bad = file('bad.yaml', `gpus:\n${gpuEntry('x').replace('memory_gb: 80', 'memory_gb: -1')}`);
    expect(failure(() => loadGpuCatalog(bad)).message).toMatch(/bad\.yaml: gpus\[0\]\.memory_gb: /);
  });

  it('reads the shipped catalogs by default', () => {
    expect(loadModelCatalog().models.some((model) => model.id === 'gpt-4o')).toBe(true);
    expect(loadGpuCatalog().gpus.length).toBeGreaterThan(0);
  });
});

describe('shippedCatalogMayName', () => {
  it('looks for the name’s last segment in the shipped file, whatever the case', () => {
    expect(shippedCatalogMayName('gpt-4o')).toBe(true);
    expect(shippedCatalogMayName('GPT-4O')).toBe(true);
    expect(shippedCatalogMayName('openai/GPT-4o')).toBe(true);
    expect(shippedCatalogMayName('no-such-model-anywhere')).toBe(false);
    // Only the part after the last slash counts: the provider prefix is not in the file.
    expect(shippedCatalogMayName('zz-provider/zz-org/gpt-4o')).toBe(true);
    expect(shippedCatalogMayName('gpt-4o/no-such-model-anywhere')).toBe(false);
  });

  it('says it may when the file cannot be read, so that loading it reports the error', () => {
    expect(shippedCatalogMayName('no-such-model-anywhere', join(folder, 'absent-models.yaml'))).toBe(true);
    expect(shippedCatalogMayName('Other', file('small-models.yaml', 'models: [{ id: other }]\n'))).toBe(true);
    expect(shippedCatalogMayName('gpt-4o', join(folder, 'small-models.yaml'))).toBe(false);
  });
});

describe('catalogPriceForSpec', () => {
  // A one-model catalog: the price comes from it, never from the shipped one.
  const catalog = modelCatalogSchema.parse({
    models: [
      {
        id: 'gpt-4o',
        name: 'GPT-4o',
        vendor: 'OpenAI',
        openWeights: false,
        licence: { id: 'proprietary', commercialUse: true },
        fineTunable: false,
        contextTokens: 128000,
        factsSource: 'test',
        factsAsOf: '2026-01-01',
        apiPrices: [
          {
            provider: 'openai',
            providerModel: 'gpt-4o',
            inputUsdPerMillion: 7,
            outputUsdPerMillion: 21,
            source: 'test',
            asOf: '2026-01-01',
          },
        ],
      },
    ],
  });

  it('prices a spec from the catalog given', () => {
    expect(catalogPriceForSpec('openai:gpt-4o', catalog)?.inputUsdPerMillion).toBe(7);
    expect(catalogPriceForSpec('anthropic:gpt-4o', catalog)).toBeUndefined();
  });

  it('falls back to the shipped catalog, parsed only for names it may hold', () => {
    // The shipped list price of GPT-4o: $2.50 in, $10.00 out (docs/cost.md).
    const price = catalogPriceForSpec('openai:gpt-4o');
    expect([price?.inputUsdPerMillion, price?.outputUsdPerMillion]).toEqual([2.5, 10]);
    expect(catalogPriceForSpec('openai:no-such-model-anywhere')).toBeUndefined();
    expect(shippedCatalogFor('openai:no-such-model-anywhere')).toBeUndefined();
    // A server prefix is not part of the name looked up.
    expect(shippedCatalogFor('zz-unknown-server:gpt-4o')?.models.some((model) => model.id === 'gpt-4o')).toBe(
      true,
    );
    expect(shippedCatalogFor('gpt-4o')).toBeDefined();
    expect(shippedCatalogFor('openai:gpt-4o')).toBe(shippedCatalogFor('openai:claude-3.5-sonnet'));
  });
});

describe('architecture in the catalog', () => {
  it('needs KV heads and head size, or the elements a token caches per layer (MLA)', () => {
    const reason = 'needs kv_heads and head_dim, or kv_elements_per_token_per_layer';
    const refused = (value: Record<string, number>): string | undefined =>
      architectureSchema.safeParse(value).error?.issues[0]?.message;
    expect(refused({ layers: 80 })).toBe(reason);
    expect(refused({ layers: 80, kvHeads: 8 })).toBe(reason);
    expect(refused({ layers: 80, headDim: 128 })).toBe(reason);
    expect(refused({ layers: 80, kvHeads: 8, headDim: 128 })).toBeUndefined();
    expect(refused({ layers: 61, kvElementsPerTokenPerLayer: 576 })).toBeUndefined();
  });
});
