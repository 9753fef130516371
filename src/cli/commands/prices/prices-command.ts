import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyPriceFeed } from '../../../cost/apply-price-feed.ts';
import { blendedUsdPerMillion } from '../../../cost/blended-price.ts';
import { findCatalogModel } from '../../../cost/find-catalog-model.ts';
import { litellmPriceFile } from '../../../cost/litellm-price-file.ts';
import { loadGpuCatalog } from '../../../cost/load-catalog.ts';
import { parsePriceFeed } from '../../../cost/price-feed.ts';
import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { parseWholeNumber } from '../../parse-options.ts';
import { catalogWithPrices, priceOverlayPath, readPriceText } from '../../cost-inputs.ts';

export interface PricesFlags {
  readonly model?: string;
  readonly prices?: string;
  readonly staleAfter?: string;
  readonly update?: string;
  readonly store?: string;
  readonly json?: boolean;
}

const rate = (value: number | undefined): string =>
  value === undefined ? '—' : value < 0.1 && value > 0 ? value.toFixed(3) : value.toFixed(2);

const dayMs = 24 * 3600 * 1000;

/** Days between an as-of date and today; undefined for an undated figure. */
function ageDays(asOf: string, now: Date): number | undefined {
  const time = Date.parse(`${asOf}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : Math.floor((now.getTime() - time) / dayMs);
}

function table(rows: readonly (readonly string[])[]): string {
  const header = rows[0] ?? [];
  const widths = header.map((_cell, column) =>
    column === header.length - 1 ? 0 : Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * `parity prices --update FILE|URL`: takes a litellm (or OpenRouter) price list, keeps the entries for catalog
 * models, and saves them in litellm's format (plus `source` and `as_of`) beside the run store, where every
 * later `tco`, `recommend` and `prices` applies them.
 */
async function updatePrices(flags: PricesFlags & { update: string }, io: CliIo): Promise<number> {
  const text = await readPriceText(io, flags.update, '--update');
  const feed = parsePriceFeed({ text, file: flags.update });
  const today = io.now().toISOString().slice(0, 10);
  const source = `${feed.format} price list ${flags.update}`;
  const catalog = await catalogWithPrices(io, undefined, flags.store);
  const applied = applyPriceFeed({ catalog, prices: feed.prices, source, asOf: today });
  const matched = new Set(applied.matched);
  const overlay = priceOverlayPath(io, flags.store);
  let existing: Record<string, unknown> = {};
  if (existsSync(overlay)) {
    try {
      existing = JSON.parse(readFileSync(overlay, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`not valid JSON: ${(error as Error).message}`, {
        location: overlay,
        cause: error,
      });
    }
  }
  const file = litellmPriceFile({
    prices: feed.prices.filter((price) => matched.has(price.key)),
    source,
    asOf: today,
    existing,
  });
  mkdirSync(dirname(overlay), { recursive: true });
  writeFileSync(overlay, `${JSON.stringify(file, null, 2)}\n`);
  io.stdout(
    `updated ${matched.size} prices of catalog models from ${flags.update} (as of ${today}); ${applied.unmatchedCount} entries for other models left out (a workload's prices can add any model). Saved in litellm's format to ${overlay}\n`,
  );
  return 0;
}

/** `parity prices`: API prices per provider and GPU prices per cloud, each with its source and as-of date. */
export async function pricesCommand(flags: PricesFlags, io: CliIo): Promise<number> {
  if (flags.update) return updatePrices({ ...flags, update: flags.update }, io);
  const staleAfterDays = parseWholeNumber('--stale-after', flags.staleAfter, { min: 0 });
  const now = io.now();
  const isStale = (asOf: string): boolean | undefined => {
    if (staleAfterDays === undefined) return undefined;
    const age = ageDays(asOf, now);
    return age === undefined || age > staleAfterDays;
  };
  const catalog = await catalogWithPrices(io, flags.prices, flags.store);
  let models = catalog.models;
  if (flags.model) {
    const model = findCatalogModel(catalog, flags.model);
    if (!model) throw new InputError(`--model: '${flags.model}' is not in the catalog (see 'parity prices')`);
    models = [model];
  }
  const rows = models.flatMap((model) =>
    model.apiPrices.map((price) => ({
      model: model.id,
      open_weights: model.openWeights,
      licence: model.licence.id,
      provider: price.provider,
      provider_model: price.providerModel,
      input_usd_per_million: price.inputUsdPerMillion,
      cached_input_usd_per_million: price.cachedInputUsdPerMillion ?? null,
      cache_write_usd_per_million: price.cacheWriteUsdPerMillion ?? null,
      output_usd_per_million: price.outputUsdPerMillion,
      blended_3_to_1_usd_per_million:
        Math.round(blendedUsdPerMillion({ price, inputShare: 0.75 }) * 100) / 100,
      tiers: price.tiers.map((tier) => ({
        above_input_tokens: tier.aboveInputTokens,
        input_usd_per_million: tier.inputUsdPerMillion,
        output_usd_per_million: tier.outputUsdPerMillion,
      })),
      source: price.source,
      as_of: price.asOf,
      ...(staleAfterDays === undefined ? {} : { stale: isStale(price.asOf) ?? true }),
    })),
  );
  const gpus = flags.model
    ? []
    : loadGpuCatalog().gpus.flatMap((gpu) => [
        {
          gpu: gpu.id,
          cloud: 'default (used by tco)',
          hourly_usd: gpu.hourlyUsd,
          source: gpu.priceSource,
          as_of: gpu.priceAsOf,
          ...(staleAfterDays === undefined ? {} : { stale: isStale(gpu.priceAsOf) ?? true }),
        },
        ...gpu.cloudPrices.map((entry) => ({
          gpu: gpu.id,
          cloud: entry.cloud,
          hourly_usd: entry.hourlyUsd,
          source: entry.source,
          as_of: entry.asOf,
          ...(staleAfterDays === undefined ? {} : { stale: isStale(entry.asOf) ?? true }),
        })),
      ]);
  if (staleAfterDays !== undefined) {
    const stale = [...rows, ...gpus].filter((row) => row.stale);
    if (stale.length > 0) {
      const cutoff = new Date(now.getTime() - staleAfterDays * dayMs).toISOString().slice(0, 10);
      const names = stale
        .map((row) => ('model' in row ? `${row.provider} ${row.model}` : `${row.gpu} ${row.cloud}`))
        .join(', ');
      io.stderr(
        `parity: warning: ${stale.length} of ${rows.length + gpus.length} prices are older than ${staleAfterDays} days (as of before ${cutoff}): ${names}; refresh with 'parity prices --update FILE' or give your own in the workload\n`,
      );
    }
  }
  if (flags.json) {
    io.stdout(`${JSON.stringify({ prices: rows, gpus }, null, 2)}\n`);
    return 0;
  }
  const mark = (stale: boolean | undefined): string => (stale ? ' (stale)' : '');
  const apiTable = table([
    ['model', 'provider', 'input', 'cached', 'cache write', 'output', 'blend 3:1', 'as of', 'source'],
    ...rows.map((row) => [
      row.model,
      row.provider,
      rate(row.input_usd_per_million),
      rate(row.cached_input_usd_per_million ?? undefined),
      rate(row.cache_write_usd_per_million ?? undefined),
      rate(row.output_usd_per_million),
      rate(row.blended_3_to_1_usd_per_million),
      `${row.as_of}${mark(row.stale)}`,
      `${row.source}${row.tiers.map((tier) => `; >${tier.above_input_tokens} prompt tokens ${tier.input_usd_per_million}/${tier.output_usd_per_million}`).join('')}`,
    ]),
  ]);
  io.stdout(`USD per million tokens\n${apiTable}\n`);
  if (gpus.length > 0) {
    const gpuTable = table([
      ['gpu', 'cloud', '$/GPU-h', 'as of', 'source'],
      ...gpus.map((row) => [
        row.gpu,
        row.cloud,
        row.hourly_usd.toFixed(2),
        `${row.as_of}${mark(row.stale)}`,
        row.source,
      ]),
    ]);
    io.stdout(`\nGPU prices, USD per GPU-hour on demand\n${gpuTable}\n`);
  }
  return 0;
}
