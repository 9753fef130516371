import type { FinishReason, Timing, Usage } from '../spec/index.ts';

type ItemStatus = 'ok' | 'error';

// Checks of the small JSON columns that item digests read, written out by hand: the viewer reads tens of thousands
// of rows at a time, where a schema library's per-value cost dominates. Each accepts exactly what the zod schemas
// of record-schemas.ts accept (unknown keys dropped) and returns undefined for anything else.

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isNonNegative = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkScores(value: unknown): Record<string, number | null> | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) {
    const score = value[key];
    if (score !== null && typeof score !== 'number') return undefined;
  }
  return value as Record<string, number | null>;
}

const usageFields = [
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteInputTokens',
  'outputTokens',
  'reasoningTokens',
] as const;

export function checkUsage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const usage: Record<string, number> = {};
  for (const field of usageFields) {
    const count = value[field];
    if (count === undefined) continue;
    if (!isCount(count)) return undefined;
    usage[field] = count;
  }
  return usage;
}

export function checkTiming(value: unknown): Timing | undefined {
  if (!isRecord(value) || !isNonNegative(value.totalMs)) return undefined;
  if (value.ttftMs === undefined) return { totalMs: value.totalMs };
  return isNonNegative(value.ttftMs) ? { ttftMs: value.ttftMs, totalMs: value.totalMs } : undefined;
}

export function checkItemError(value: unknown): { name: string; message: string } | undefined {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.message !== 'string')
    return undefined;
  return { name: value.name, message: value.message };
}

const statuses: readonly string[] = ['ok', 'error'];
export const checkStatus = (value: unknown): ItemStatus | undefined =>
  typeof value === 'string' && statuses.includes(value) ? (value as ItemStatus) : undefined;

const finishReasons: readonly string[] = [
  'stop',
  'length',
  'content-filter',
  'tool-calls',
  'error',
  'other',
  'unknown',
];
export const checkFinishReason = (value: unknown): FinishReason | undefined =>
  typeof value === 'string' && finishReasons.includes(value) ? (value as FinishReason) : undefined;
