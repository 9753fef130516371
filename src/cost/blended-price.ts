import type { ApiPrice } from './catalog-types.ts';

/**
 * One price per million tokens for a mix of input and output tokens: `inputShare` of the tokens are input
 * (0.75 for the usual 3:1 blend), the rest output, all at the base (lowest) tier, no cache hits.
 * GPT-4o at 2.50 in / 10.00 out blends 3:1 to (3 × 2.50 + 10.00) / 4 = 4.375.
 */
export function blendedUsdPerMillion(options: {
  price: Pick<ApiPrice, 'inputUsdPerMillion' | 'outputUsdPerMillion'>;
  inputShare: number;
}): number {
  const { price, inputShare } = options;
  return inputShare * price.inputUsdPerMillion + (1 - inputShare) * price.outputUsdPerMillion;
}
