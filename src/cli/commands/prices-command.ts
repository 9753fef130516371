import type { Command } from 'commander';
import { blendedUsdPerMillion } from '../../cost/blended-price.ts';
import { findCatalogModel } from '../../cost/find-catalog-model.ts';
import { InputError } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { catalogWithPrices } from './cost-inputs.ts';

interface PricesFlags {
  readonly model?: string;
  readonly prices?: string;
  readonly json?: boolean;
}

const rate = (value: number | undefined): string =>
  value === undefined ? '—' : value < 0.1 && value > 0 ? value.toFixed(3) : value.toFixed(2);

/** `parity prices`: catalog API prices per provider with their source and as-of date. */
export async function pricesCommand(flags: PricesFlags, io: CliIo): Promise<number> {
  const catalog = await catalogWithPrices(io, flags.prices);
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
    })),
  );
  if (flags.json) {
    io.stdout(`${JSON.stringify({ prices: rows }, null, 2)}\n`);
    return 0;
  }
  const header = ['model', 'provider', 'input', 'cached', 'output', 'blend 3:1', 'as of', 'source'];
  const cells = rows.map((row) => [
    row.model,
    row.provider,
    rate(row.input_usd_per_million),
    rate(row.cached_input_usd_per_million ?? undefined),
    rate(row.output_usd_per_million),
    rate(row.blended_3_to_1_usd_per_million),
    row.as_of,
    `${row.source}${row.tiers.map((tier) => `; >${tier.above_input_tokens} prompt tokens ${tier.input_usd_per_million}/${tier.output_usd_per_million}`).join('')}`,
  ]);
  const table = [header, ...cells];
  const widths = header.map((_cell, column) =>
    column === header.length - 1 ? 0 : Math.max(...table.map((row) => (row[column] ?? '').length)),
  );
  io.stdout(
    `USD per million tokens\n${table
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n')}\n`,
  );
  return 0;
}

export function registerPricesCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('prices')
    .description('list catalog API prices (USD per million tokens) with their source and as-of date')
    .option('--model <name>', 'only this model (catalog id, alias or provider model name)')
    .option(
      '--prices <file-or-url>',
      "override catalog prices with litellm's or OpenRouter's price list (JSON)",
    )
    .option('--json', 'print JSON: { "prices": [ … ] }')
    .action(async (flags: PricesFlags) => setExitCode(await pricesCommand(flags, io)));
}
