import { basename } from 'node:path';
import type { GenerationOverrides, ItemGold } from '../spec/index.ts';
import { samplingJson, samplingLabel } from '../evaluation/pass-at-k-summary.ts';
import type { RunScores } from '../evaluation/run-summary.ts';
import type { ScoreTableRow } from './format-score-table.ts';
import { providerFixedLabel } from './provider-fixed-parameters.ts';
import { scoreReportJson, type ScoreItemJson, type ScoreReportJson } from './score-report-json.ts';

/** The model as shown in tables: the spec, with a local model's path shortened to its file name. */
export function displayModel(spec: string): string {
  return spec.startsWith('local:') ? `local:${basename(spec.slice('local:'.length))}` : spec;
}

export function runTableRow(scores: RunScores): ScoreTableRow {
  return {
    model: displayModel(scores.run.config.modelSpec),
    benchmark: scores.run.config.benchmark,
    protocol:
      (scores.sampling
        ? `${scores.run.config.protocol} (${samplingLabel(scores.sampling)})`
        : scores.run.config.protocol) +
      providerFixedLabel(scores.run.config.providerFixed) +
      generationOverridesLabel(scores.run.config.generationOverrides),
    metrics: scores.metrics ?? scores.protocol.metrics,
    summary: scores.summary,
    errors: scores.errors,
  };
}

function goldJson(gold: ItemGold | undefined): { target?: string; choices?: string[] } {
  if (!gold) return {};
  return { target: gold.target, ...(gold.choices ? { choices: [...gold.choices] } : {}) };
}

export function runJson(
  scores: RunScores,
  options: { items: boolean; gold?: ReadonlyMap<string, ItemGold> },
): ScoreReportJson {
  const headline = scores.protocol.metrics[0]?.itemScore;
  const items: ScoreItemJson[] | undefined = options.items
    ? scores.run.items.map((item) => ({
        id: item.itemId,
        sample: item.sample,
        score: headline === undefined ? null : (item.scores[headline] ?? null),
        scores: { ...item.scores },
        extracted: item.extracted,
        ...goldJson(options.gold?.get(item.itemId)),
        ...(item.error ? { error: item.error.message } : {}),
      }))
    : undefined;
  const report = scoreReportJson({
    runId: scores.run.runId,
    model: scores.run.config.modelSpec,
    benchmark: scores.run.config.benchmark,
    protocol: scores.run.config.protocol,
    n: scores.run.totalItems,
    summary: scores.summary,
    errors: scores.errors,
    ...(items ? { items } : {}),
  });
  const providerFixed = scores.run.config.providerFixed;
  const overrides = scores.run.config.generationOverrides;
  const withFixed = {
    ...report,
    ...(providerFixed?.length ? { provider_fixed: [...providerFixed] } : {}),
    ...(overrides ? { generation_overrides: { ...overrides } } : {}),
  };
  return scores.sampling ? { ...withFixed, sampling: samplingJson(scores.sampling) } : withFixed;
}

/** ` [changed: max-tokens 64, system prompt, reasoning-effort low]`, or '' without overrides. */
export function generationOverridesLabel(overrides: GenerationOverrides | undefined): string {
  if (!overrides) return '';
  const parts = [
    ...(overrides.maxTokens === undefined ? [] : [`max-tokens ${overrides.maxTokens}`]),
    ...(overrides.systemPrompt === undefined ? [] : ['system prompt']),
    ...(overrides.reasoningEffort === undefined ? [] : [`reasoning-effort ${overrides.reasoningEffort}`]),
  ];
  return parts.length > 0 ? ` [changed: ${parts.join(', ')}]` : '';
}
