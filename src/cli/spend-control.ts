import type { GenerationOverrides, Item, LanguageModel, Protocol } from '../spec/index.ts';
import { InputError } from '../spec/index.ts';
import { createSpendMeter, type SpendMeter } from '../cost/spend-meter.ts';
import { requestCostUsd, type TokenPrice } from '../cost/token-cost.ts';
import { catalogPriceForSpec } from '../cost/catalog-price-for-spec.ts';
import { estimateRequestTokens } from '../runner/estimate-request-tokens.ts';
import type { CliIo } from './cli-io.ts';
import { applyGenerationOverrides } from '../evaluation/request-settings.ts';
import { logLikelihoodRequestOf } from '../evaluation/protocol-kind.ts';
import { groupThousands } from '../evaluation/group-thousands.ts';
import { CONFIRM_ABOVE_USD } from './options/defaults.ts';

export interface SpendFlags {
  readonly maxCost?: string;
  readonly yes?: boolean;
  readonly confirmAbove?: string;
}

/** Parses a USD amount flag (`--max-cost 2.50`); bad values name the flag. */
export function parseUsd(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const amount = Number(value.trim().replace(/^\$/, ''));
  if (value.trim() === '' || !Number.isFinite(amount) || amount <= 0) {
    throw new InputError(`expected a positive amount in USD, got '${value}'`, { location: flag });
  }
  return amount;
}

/** The catalog's list price for the model of a spec as the providers name it (`openai:gpt-4o`). */
export function modelPrice(model: LanguageModel): TokenPrice | undefined {
  return catalogPriceForSpec(`${model.identity.provider}:${model.identity.modelId}`);
}

/**
 * The meter of a command's spend: the model and the judge at their catalog prices, capped at `--max-cost`.
 * A cap on a model without a price is refused (InputError): its spend cannot be measured.
 */
export function openSpendMeter(options: {
  readonly flags: SpendFlags;
  readonly model: LanguageModel;
  readonly modelSpec: string;
  readonly judge?: LanguageModel | undefined;
}): SpendMeter {
  const capUsd = parseUsd('--max-cost', options.flags.maxCost);
  const price = modelPrice(options.model);
  const judgePrice = options.judge ? modelPrice(options.judge) : undefined;
  if (capUsd !== undefined && !price) {
    throw new InputError(
      `${options.modelSpec} has no list price in the catalog, so its spend cannot be measured (see 'parity prices')`,
      { location: '--max-cost' },
    );
  }
  return createSpendMeter({
    ...(price ? { modelPrice: price } : {}),
    ...(judgePrice ? { judgePrice } : {}),
    ...(capUsd === undefined ? {} : { capUsd }),
  });
}

export interface SpendEstimate {
  readonly requests: number;
  /** Prompt tokens, estimated from the prompts' characters (≈ 4 per token). */
  readonly inputTokens: number;
  /** The most the answers may use: each request's token budget; undefined when some request has none. */
  readonly maxOutputTokens: number | undefined;
  /** At the model's list price: the prompts, and the prompts plus every answer at its budget. */
  readonly inputCostUsd?: number;
  readonly maxCostUsd?: number;
}

/**
 * What the items still to request will use, before any call: one request per item and sample (multi-step
 * protocols: the first request), prompts counted as the tokens-per-minute limiter counts them.
 */
export function estimateSpend(options: {
  readonly protocols: readonly Protocol[];
  readonly itemLists: readonly (readonly Item[])[];
  readonly samples: number;
  readonly generationOverrides?: GenerationOverrides | undefined;
  readonly price?: TokenPrice | undefined;
}): SpendEstimate {
  let requests = 0;
  let inputTokens = 0;
  let maxOutputTokens: number | undefined = 0;
  for (const [index, protocol] of options.protocols.entries()) {
    for (const item of options.itemLists[index] ?? []) {
      const request = applyGenerationOverrides(protocol.buildRequest(item), options.generationOverrides);
      const logLikelihood = logLikelihoodRequestOf(protocol, item);
      const tokens = estimateRequestTokens({ request, ...(logLikelihood ? { logLikelihood } : {}) });
      requests += options.samples;
      inputTokens += tokens.inputTokens * options.samples;
      const budget = logLikelihood
        ? 0
        : request.parameters.maxTokens === undefined
          ? undefined
          : request.parameters.maxTokens + (request.parameters.reasoningAllowanceTokens ?? 0);
      maxOutputTokens =
        maxOutputTokens === undefined || budget === undefined
          ? undefined
          : maxOutputTokens + budget * options.samples;
    }
  }
  const { price } = options;
  if (!price) return { requests, inputTokens, maxOutputTokens };
  // Priced per request on average, so long-prompt tiers apply as they would.
  const perRequest = (tokens: number): number => (requests === 0 ? 0 : tokens / requests);
  const inputCostUsd = requestCostUsd({ usage: { inputTokens: perRequest(inputTokens) }, price }) * requests;
  const maxCostUsd =
    maxOutputTokens === undefined
      ? undefined
      : requestCostUsd({
          usage: { inputTokens: perRequest(inputTokens), outputTokens: perRequest(maxOutputTokens) },
          price,
        }) * requests;
  return {
    requests,
    inputTokens,
    maxOutputTokens,
    inputCostUsd,
    ...(maxCostUsd === undefined ? {} : { maxCostUsd }),
  };
}

const tokens = (value: number): string => groupThousands(Math.round(value));
const usd = (value: number): string =>
  `$${value < 0.01 ? value.toFixed(4) : value < 10 ? value.toFixed(2) : groupThousands(Math.round(value))}`;

/** `estimate: 1,200 requests, ≈ 1,234,567 input tokens, ≤ 307,200 output tokens; $3.09 to $6.16 at list price (openai:gpt-4o)` */
export function formatSpendEstimate(estimate: SpendEstimate, modelSpec: string): string {
  const output =
    estimate.maxOutputTokens === undefined
      ? 'output tokens unbounded (no token budget)'
      : `≤ ${tokens(estimate.maxOutputTokens)} output tokens`;
  const cost =
    estimate.inputCostUsd === undefined
      ? `no list price for ${modelSpec} in the catalog`
      : estimate.maxCostUsd === undefined
        ? `at least ${usd(estimate.inputCostUsd)} at list price`
        : `${usd(estimate.inputCostUsd)} to ${usd(estimate.maxCostUsd)} at list price (prompts only, to every answer at its budget)`;
  return `estimate: ${tokens(estimate.requests)} requests, ≈ ${tokens(estimate.inputTokens)} input tokens, ${output}; ${cost}`;
}

/**
 * Prints the estimate (stderr) and, on a terminal, asks before a run whose estimate exceeds `--confirm-above`
 * (default CONFIRM_ABOVE_USD); `--yes` skips the question. Returns false when the user said no.
 */
export async function confirmSpend(options: {
  readonly io: CliIo;
  readonly flags: SpendFlags;
  readonly estimate: SpendEstimate;
  readonly modelSpec: string;
}): Promise<boolean> {
  const { io, flags, estimate } = options;
  io.stderr(`${formatSpendEstimate(estimate, options.modelSpec)}\n`);
  const threshold = parseUsd('--confirm-above', flags.confirmAbove) ?? CONFIRM_ABOVE_USD;
  const worst = estimate.maxCostUsd ?? estimate.inputCostUsd;
  if (flags.yes || !io.confirm || worst === undefined || worst <= threshold) return true;
  const capped = parseUsd('--max-cost', flags.maxCost);
  return io.confirm(
    `This run may cost up to ${usd(worst)}${capped === undefined ? '' : ` (stopped at --max-cost ${usd(capped)})`}. Start it? [y/N] `,
  );
}
