import type { Usage } from '../spec/index.ts';
import { requestCostUsd, type TokenPrice } from './token-cost.ts';

export interface SpendMeter {
  /** Adds one finished call's usage (the evaluated model's, and a judge's when there is one); returns the total. */
  add(usage: { readonly model?: Usage; readonly judge?: Usage }): number;
  /** USD measured so far; undefined when no price is known (nothing can be measured). */
  readonly spentUsd: () => number | undefined;
  /** Whether the spend has reached the cap (never without a cap). */
  readonly reachedCap: () => boolean;
  readonly capUsd?: number;
}

/**
 * Measured spend of a command at list prices: every call's reported usage priced as the provider bills it
 * (requestCostUsd: cached input, cache writes, reasoning, long-prompt tiers), the judge's calls at the judge's
 * price. Cache hits cost nothing and are not added. Usage a server did not report costs 0.
 */
export function createSpendMeter(options: {
  readonly modelPrice?: TokenPrice;
  readonly judgePrice?: TokenPrice;
  readonly capUsd?: number;
}): SpendMeter {
  let spent = 0;
  const priced = options.modelPrice !== undefined || options.judgePrice !== undefined;
  return {
    add(usage) {
      if (usage.model && options.modelPrice) {
        spent += requestCostUsd({ usage: usage.model, price: options.modelPrice });
      }
      if (usage.judge && options.judgePrice) {
        spent += requestCostUsd({ usage: usage.judge, price: options.judgePrice });
      }
      return spent;
    },
    spentUsd: () => (priced ? spent : undefined),
    reachedCap: () => spent >= (options.capUsd ?? Number.POSITIVE_INFINITY),
    ...(options.capUsd === undefined ? {} : { capUsd: options.capUsd }),
  };
}
