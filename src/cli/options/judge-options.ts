import type { ItemStep, LanguageModel, Protocol, StoredRun } from '../../spec/index.ts';
import { InputError } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { modelFromSpec } from '../model-from-spec.ts';
import { parseWholeNumber } from '../parse-options.ts';
import { runCostSummary } from '../../analysis/run-cost-summary.ts';
import { shippedCatalogFor } from '../../cost/catalog-price-for-spec.ts';
import { formatRunCost } from '../../report/format-run-cost.ts';
import { sumUsage } from '../run-step-evaluation.ts';

/** `--judge`, `--judge-base-url`, `--judge-repeats` of `parity eval` and `parity score mtbench`. */
export interface JudgeFlags {
  readonly judge?: string;
  readonly judgeBaseUrl?: string;
  readonly judgeRepeats?: string;
}

export interface OpenedJudge {
  readonly spec: string;
  readonly model: LanguageModel;
  readonly repeats: number;
}

/**
 * The judge model when one of `protocols` needs it; a judge-graded protocol without `--judge` is refused
 * with one line (exit 2). Undefined when no protocol needs a judge (`--judge` is then ignored).
 */
export function openJudge(
  io: CliIo,
  flags: JudgeFlags,
  protocols: readonly Protocol[],
): OpenedJudge | undefined {
  const repeats = parseWholeNumber('--judge-repeats', flags.judgeRepeats) ?? 1;
  const graded = protocols.filter((protocol) => protocol.needsJudge);
  if (graded.length === 0) return undefined;
  if (flags.judge === undefined) {
    throw new InputError(
      `${graded.map((protocol) => protocol.id).join(', ')} is graded by a judge model: add --judge <spec> (e.g. --judge openai:gpt-4o)`,
      { location: '--judge' },
    );
  }
  const model = modelFromSpec(io, {
    spec: flags.judge,
    ...(flags.judgeBaseUrl ? { baseUrl: flags.judgeBaseUrl } : {}),
  });
  return { spec: flags.judge, model, repeats };
}

/** The judge steps of a stored run's items (MT-Bench records keep them in `response.steps`). */
export function judgeSteps(run: StoredRun): ItemStep[] {
  return run.items.flatMap((item) => (item.response?.steps ?? []).filter((step) => step.role === 'judge'));
}

/**
 * One line on what the judge was asked, counted apart from the evaluated model's usage:
 * `judge openai:gpt-4o: 160 judgments (0 from the cache), 120000 in, 30000 out tokens` and its list-price
 * cost when the catalog knows the judge.
 */
export function formatJudgeUsage(options: { spec: string; steps: readonly ItemStep[] }): string {
  const { spec, steps } = options;
  const cached = steps.filter((step) => step.cached).length;
  const fresh = steps.filter((step) => !step.cached);
  const usage = sumUsage(fresh.map((step) => step.response.usage));
  const cost = runCostSummary({
    modelSpec: spec,
    catalog: shippedCatalogFor(spec),
    items: steps.map((step) => ({ usage: step.response.usage, cached: step.cached, status: 'ok' as const })),
  });
  const tokens = `${usage.inputTokens ?? 0} in, ${usage.outputTokens ?? 0} out tokens requested now`;
  return `judge ${spec}: ${steps.length} judgments (${cached} from the cache), ${tokens}${cost ? `; ${formatRunCost(cost)}` : ''}`;
}
