import type { z } from 'zod';
import type {
  ItemGold,
  ItemDigest,
  ItemOutcome,
  ItemRecord,
  ModelResponse,
  RunOwner,
  RunSummary,
} from '../spec/index.ts';
import {
  checkFinishReason,
  checkItemError,
  checkScores,
  checkStatus,
  checkTiming,
  checkUsage,
} from './digest-checks.ts';
import {
  goldChoicesSchema,
  generateRequestSchema,
  itemErrorSchema,
  itemStatusSchema,
  modelResponseSchema,
  parseJsonColumn,
  runConfigSchema,
  runHistorySchema,
  runLabelsSchema,
  runKindSchema,
  runOwnerSchema,
  runStatusSchema,
  scoresSchema,
  usageSchema,
} from './record-schemas.ts';
import { StoredRecordError } from './stored-record-error.ts';

// Rows as SQLite returns them, and their checked conversion to spec types.

export interface RunRow {
  id: string;
  kind: string;
  config: string;
  status: string;
  done_items: number;
  total_items: number;
  created_at: string;
  updated_at: string;
  owner: string | null;
  history: string;
  labels: string;
}

export interface ItemRow {
  item_id: string;
  sample: number;
  status: string;
  item_group: string | null;
  request: string;
  response: string | null;
  error: string | null;
  extracted: string | null;
  scores: string;
  cached: number;
  attempts: number;
  cache_key: string;
}

export const runColumns =
  'id, kind, config, status, done_items, total_items, created_at, updated_at, owner, history, labels';
export const itemColumns =
  'item_id, sample, status, item_group, request, response, error, extracted, scores, cached, attempts, cache_key';

export interface OutcomeRow {
  item_id: string;
  sample: number;
  status: string;
  item_group: string | null;
  usage: string | null;
  error: string | null;
  extracted: string | null;
  scores: string;
  cached: number;
}

export const outcomeColumns =
  "item_id, sample, status, item_group, json_extract(response, '$.usage') AS usage, error, extracted, scores, cached";

export interface DigestRow extends OutcomeRow {
  sequence: number;
  attempts: number;
  timing: string | null;
  finish_reason: string | null;
}

export const digestColumns = `rowid AS sequence, ${outcomeColumns}, attempts, json_extract(response, '$.timing') AS timing, json_extract(response, '$.finishReason') AS finish_reason`;

export interface RowReader {
  toItemDigest(runId: string, row: DigestRow): ItemDigest;
  toItemOutcome(runId: string, row: OutcomeRow): ItemOutcome;
  toSummary(row: RunRow): RunSummary;
  toItemRecord(runId: string, row: ItemRow): ItemRecord;
  toCachedResponse(cacheKey: string, responseJson: string): ModelResponse;
  toItemGold(row: { item_id: string; target: string; choices: string | null }, runId: string): ItemGold;
}

/** How to tell whether a run's owner process is still alive (see RunSummary.status). */
export interface RunLiveness {
  /** This machine's host name: owners on it are checked by pid, others by heartbeat age only. */
  readonly host: string;
  readonly isProcessAlive: (pid: number) => boolean;
  readonly now: () => Date;
  /** An owner silent for longer than this is gone, in milliseconds. Default 60 000 (heartbeats come every 10 s). */
  readonly staleAfterMs?: number;
}

/** Whether `owner` is gone: its process ended (same host), or it has been silent for too long (any host). */
export function isOwnerGone(owner: RunOwner, liveness: RunLiveness): boolean {
  const silentMs = liveness.now().getTime() - Date.parse(owner.heartbeatAt);
  if (silentMs > (liveness.staleAfterMs ?? 60_000)) return true;
  return owner.host === liveness.host && !liveness.isProcessAlive(owner.pid);
}

/** Converts rows, checking every value; a damaged one throws StoredRecordError naming `databasePath`, run and item. */
export function createRowReader(options: { databasePath: string; liveness?: RunLiveness }): RowReader {
  const path = options.databasePath;
  const liveness = options.liveness;

  function checked<T>(
    schema: z.ZodType<T>,
    text: string,
    context: { runId?: string; itemId?: string; sample?: number; cacheKey?: string; column: string },
  ): T {
    try {
      return parseJsonColumn(schema, text);
    } catch (error) {
      const { column, ...where } = context;
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new StoredRecordError({
        databasePath: path,
        ...where,
        detail: `${column}: ${detail}`,
        cause: error,
      });
    }
  }

  function checkedValue<T>(
    schema: z.ZodType<T>,
    value: unknown,
    context: { runId: string; itemId?: string; sample?: number; column: string },
  ): T {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const { column, ...where } = context;
    throw new StoredRecordError({
      databasePath: path,
      ...where,
      detail: `${column}: ${JSON.stringify(value)} is not valid`,
      cause: result.error,
    });
  }

  function toSummary(row: RunRow): RunSummary {
    const runId = row.id;
    const owner =
      row.owner === null ? undefined : checked(runOwnerSchema, row.owner, { runId, column: 'owner' });
    const history = checked(runHistorySchema, row.history, { runId, column: 'history' });
    const labels = checked(runLabelsSchema, row.labels, { runId, column: 'labels' });
    const status = checkedValue(runStatusSchema, row.status, { runId, column: 'status' });
    const killed = status === 'running' && owner !== undefined && liveness && isOwnerGone(owner, liveness);
    return {
      runId,
      kind: checkedValue(runKindSchema, row.kind, { runId, column: 'kind' }),
      config: checked(runConfigSchema, row.config, { runId, column: 'config' }),
      status: killed ? 'interrupted' : status,
      ...(owner ? { owner } : {}),
      ...(history.length > 0 ? { history } : {}),
      ...(labels.length > 0 ? { labels } : {}),
      doneItems: row.done_items,
      totalItems: row.total_items,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function toItemRecord(runId: string, row: ItemRow): ItemRecord {
    const where = { runId, itemId: row.item_id, sample: row.sample };
    const status = checkedValue(itemStatusSchema, row.status, { ...where, column: 'status' });
    return {
      itemId: row.item_id,
      sample: row.sample,
      ...(row.item_group === null ? {} : { group: row.item_group }),
      status,
      request: checked(generateRequestSchema, row.request, { ...where, column: 'request' }),
      ...(row.response === null
        ? {}
        : { response: checked(modelResponseSchema, row.response, { ...where, column: 'response' }) }),
      ...(row.error === null
        ? {}
        : { error: checked(itemErrorSchema, row.error, { ...where, column: 'error' }) }),
      extracted: row.extracted,
      scores: checked(scoresSchema, row.scores, { ...where, column: 'scores' }),
      cached: row.cached !== 0,
      attempts: row.attempts,
      cacheKey: row.cache_key,
    };
  }

  /**
   * A JSON column through its hand-written check (digest-checks.ts accepts exactly what the schema accepts); the
   * schema reads it again only to word the error. Every `parity eval` reads all its outcomes at the end.
   */
  function quick<T>(
    schema: z.ZodType<T>,
    check: (value: unknown) => T | undefined,
    text: string,
    context: { runId: string; itemId: string; sample: number; column: string },
  ): T {
    let value: T | undefined;
    try {
      value = check(JSON.parse(text));
    } catch {
      value = undefined;
    }
    return value ?? checked(schema, text, context);
  }

  function toItemOutcome(runId: string, row: OutcomeRow): ItemOutcome {
    const where = { runId, itemId: row.item_id, sample: row.sample };
    return {
      itemId: row.item_id,
      sample: row.sample,
      ...(row.item_group === null ? {} : { group: row.item_group }),
      status:
        checkStatus(row.status) ?? checkedValue(itemStatusSchema, row.status, { ...where, column: 'status' }),
      extracted: row.extracted,
      scores: quick(scoresSchema, checkScores, row.scores, { ...where, column: 'scores' }),
      ...(row.error === null
        ? {}
        : { error: quick(itemErrorSchema, checkItemError, row.error, { ...where, column: 'error' }) }),
      ...(row.usage === null
        ? {}
        : { usage: quick(usageSchema, checkUsage, row.usage, { ...where, column: 'response.usage' }) }),
      cached: row.cached !== 0,
    };
  }

  function toItemGold(
    row: { item_id: string; target: string; choices: string | null },
    runId: string,
  ): ItemGold {
    if (row.choices === null) return { target: row.target };
    const choices = checked(goldChoicesSchema, row.choices, {
      runId,
      itemId: row.item_id,
      column: 'item_gold.choices',
    });
    return { target: row.target, choices };
  }

  /** A bad digest column: StoredRecordError naming the run, the item and the column. */
  function badDigest(runId: string, row: DigestRow, column: string, text: string | null): never {
    throw new StoredRecordError({
      databasePath: path,
      runId,
      itemId: row.item_id,
      sample: row.sample,
      detail: `${column}: ${JSON.stringify(text)} is not valid`,
    });
  }

  /** A JSON digest column through its hand-written check (digest-checks.ts). */
  function digestJson<T>(
    runId: string,
    row: DigestRow,
    column: string,
    text: string,
    check: (value: unknown) => T | undefined,
  ): T {
    let value: T | undefined;
    try {
      value = check(JSON.parse(text));
    } catch {
      value = undefined;
    }
    return value === undefined ? badDigest(runId, row, column, text) : value;
  }

  function toItemDigest(runId: string, row: DigestRow): ItemDigest {
    const digest: {
      -readonly [Key in keyof ItemDigest]: ItemDigest[Key];
    } = {
      itemId: row.item_id,
      sample: row.sample,
      status: checkStatus(row.status) ?? badDigest(runId, row, 'status', row.status),
      extracted: row.extracted,
      scores: digestJson(runId, row, 'scores', row.scores, checkScores),
      cached: row.cached !== 0,
      sequence: row.sequence,
      attempts: row.attempts,
    };
    if (row.item_group !== null) digest.group = row.item_group;
    if (row.error !== null) digest.error = digestJson(runId, row, 'error', row.error, checkItemError);
    if (row.usage !== null) digest.usage = digestJson(runId, row, 'response.usage', row.usage, checkUsage);
    if (row.timing !== null)
      digest.timing = digestJson(runId, row, 'response.timing', row.timing, checkTiming);
    if (row.finish_reason !== null) {
      digest.finishReason =
        checkFinishReason(row.finish_reason) ??
        badDigest(runId, row, 'response.finishReason', row.finish_reason);
    }
    return digest;
  }

  return {
    toSummary,
    toItemRecord,
    toItemDigest,
    toItemOutcome,
    toItemGold,
    toCachedResponse: (cacheKey, responseJson) =>
      checked(modelResponseSchema, responseJson, { cacheKey, column: 'response' }),
  };
}
