import { Option } from 'commander';

export const adaptiveConcurrencyOption = (): Option =>
  new Option(
    '--adaptive-concurrency',
    'halve the requests in flight on 429/503/529 (overloaded, RESOURCE_EXHAUSTED) and grow back by one per window of successes, never above --concurrency',
  ).default(true);
export const noAdaptiveConcurrencyOption = (): Option =>
  new Option(
    '--no-adaptive-concurrency',
    'keep --concurrency requests in flight even when the endpoint answers 429',
  );
export const requestsPerMinuteOption = (): Option =>
  new Option(
    '--rpm <n>',
    'start at most N requests in any 60 s, per provider, endpoint and key (shared with a judge on the same key; default: no limit)',
  );
export const tokensPerMinuteOption = (): Option =>
  new Option(
    '--tpm <n>',
    'send at most N tokens in any 60 s, per provider, endpoint and key: prompt characters / 4 + max tokens before sending, corrected by reported usage (default: no limit)',
  );
