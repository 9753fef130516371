import { Option } from 'commander';
import { EXEC_DEFAULTS } from './defaults.ts';

export const samplesOption = (): Option =>
  new Option(
    '--samples <n>',
    'samples per item for pass@k (needs --temperature > 0 when above 1); pass@k is reported for every k ≤ n',
  ).default(undefined, '1');
export const temperatureOption = (): Option =>
  new Option('--temperature <t>', "replace the protocol's temperature (default: the protocol's, greedy 0)");
export const topPOption = (): Option =>
  new Option('--top-p <p>', "replace the protocol's top-p (default: the protocol's, unset)");
export const reasoningAllowanceOption = (): Option =>
  new Option(
    '--reasoning-allowance <tokens>',
    "tokens a reasoning model may think on top of the protocol's answer budget (Anthropic thinking budget_tokens, Gemini thinkingBudget; 0 turns thinking off where the API allows) (default: the provider's)",
  );
export const execTimeoutOption = (): Option =>
  new Option(
    '--exec-timeout <seconds>',
    'wall-clock limit per executed program (code benchmarks; humaneval.plus and mbpp.plus keep the limits of EvalPlus)',
  ).default(undefined, String(EXEC_DEFAULTS.timeoutMs / 1000));
export const execJobsOption = (): Option =>
  new Option('--exec-jobs <n>', 'programs executed at once (code benchmarks)').default(
    undefined,
    'number of CPU cores',
  );
export const unsafeNoSandboxOption = (): Option =>
  new Option(
    '--unsafe-no-sandbox',
    'run model-written code WITHOUT bubblewrap; only inside a disposable container or VM',
  );
