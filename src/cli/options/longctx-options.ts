import { parseLongctxItemId, rulerThreshold } from '../../benchmarks/longctx/longctx-summary.ts';
import { InputError } from '../../spec/index.ts';
import type { ContextWindow, Item, SyntheticOptions } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { parseList, parseWholeNumber } from '../parse-options.ts';

/** Flags of generated benchmarks (longctx) on `parity eval` and `parity score` (docs/longctx.md). */
export interface LongctxFlags {
  readonly lengths?: string;
  readonly depths?: string;
  readonly itemSeed?: string;
  readonly itemsPerCell?: string;
  readonly charsPerToken?: string;
  readonly contextWindow?: string;
  readonly threshold?: string;
  /** eval only: measure characters per token from the server's usage before generating the items. */
  readonly calibrate?: boolean;
}

/** "4k" → 4096, "4096" → 4096; anything else names the flag. */
export function parseTokenCount(flag: string, value: string): number {
  const match = /^(\d+)(k?)$/i.exec(value.trim());
  if (!match)
    throw new InputError(`expected a whole number of tokens such as 4096 or 4k, got '${value}'`, {
      location: flag,
    });
  return Number(match[1]) * (match[2] === '' ? 1 : 1024);
}

function parsePositive(flag: string, value: string | undefined, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || (max !== undefined && number > max)) {
    throw new InputError(
      `expected a number above 0${max === undefined ? '' : ` and at most ${max}`}, got '${value}'`,
      {
        location: flag,
      },
    );
  }
  return number;
}

/** The generation settings given on the command line; undefined when none was. */
export function parseSyntheticFlags(flags: LongctxFlags): SyntheticOptions | undefined {
  const options: SyntheticOptions = {
    ...(flags.lengths === undefined
      ? {}
      : { lengths: parseList(flags.lengths).map((value) => parseTokenCount('--lengths', value)) }),
    ...(flags.depths === undefined
      ? {}
      : {
          depths: parseList(flags.depths).map(
            (value) => parseWholeNumber('--depths', value, { min: 0 }) ?? 0,
          ),
        }),
    ...(flags.itemSeed === undefined
      ? {}
      : { seed: parseWholeNumber('--item-seed', flags.itemSeed, { min: 0 }) }),
    ...(flags.itemsPerCell === undefined
      ? {}
      : { samples: parseWholeNumber('--items-per-cell', flags.itemsPerCell) }),
    ...(flags.charsPerToken === undefined
      ? {}
      : { charsPerToken: parsePositive('--chars-per-token', flags.charsPerToken) }),
  };
  return Object.keys(options).length === 0 ? undefined : options;
}

/** `--threshold` as a fraction (default RULER's 0.856). */
export function parseThreshold(flags: LongctxFlags): number {
  return parsePositive('--threshold', flags.threshold, 1) ?? rulerThreshold;
}

/** `--context-window` as a context window, or undefined when it was not given. */
export function contextWindowFlag(flags: LongctxFlags): ContextWindow | undefined {
  if (flags.contextWindow === undefined) return undefined;
  return { tokens: parseTokenCount('--context-window', flags.contextWindow), source: '--context-window' };
}

/**
 * Drops longctx items longer than the context window (from `--context-window` or learned from the endpoint)
 * before any request, saying so in one line on stderr unless `quiet`; throws InputError (exit 2) when no
 * length fits. Without a window every item is kept.
 */
export function itemsWithinContextWindow<T>(
  io: CliIo,
  window: ContextWindow | undefined,
  items: readonly Item<T>[],
  quiet = false,
): Item<T>[] {
  if (window === undefined) return [...items];
  const tooLong = new Set<number>();
  const kept = items.filter((item) => {
    const tokens = parseLongctxItemId(item.id)?.tokens;
    if (tokens === undefined || tokens <= window.tokens) return true;
    tooLong.add(tokens);
    return false;
  });
  if (kept.length === 0) {
    throw new InputError(
      `every length is above the context window of ${window.tokens} tokens (${window.source}); pass shorter --lengths`,
      { location: window.source === '--context-window' ? '--context-window' : '--lengths' },
    );
  }
  if (tooLong.size > 0 && !quiet) {
    io.stderr(
      `longctx: lengths ${[...tooLong].sort((a, b) => a - b).join(', ')} refused: above the context window of ${window.tokens} tokens (${window.source})\n`,
    );
  }
  return kept;
}

/** The distinct lengths (tokens) of longctx items, in order of first appearance. */
export function longctxLengths(items: readonly Item<unknown>[]): number[] {
  const lengths = items.map((item) => parseLongctxItemId(item.id)?.tokens);
  return [...new Set(lengths.filter((tokens) => tokens !== undefined))];
}

/**
 * `parity score longctx`: the generation settings for a samples file. Lengths, depths and items per cell not
 * given come from the file's item ids (`<task>/<tokens>/d<depth>/<index>`), so the items are regenerated from
 * the seed without repeating the eval's flags; the seed and characters per token must match the eval's.
 */
export function syntheticForSamples(flags: LongctxFlags, ids: readonly string[]): SyntheticOptions {
  const given = parseSyntheticFlags(flags) ?? {};
  const parsed = ids.map((id) => parseLongctxItemId(id)).filter((value) => value !== undefined);
  if (parsed.length === 0) return given;
  return {
    lengths: [...new Set(parsed.map((value) => value.tokens))],
    depths: [...new Set(parsed.map((value) => value.depth))],
    samples: Math.max(...parsed.map((value) => value.index)) + 1,
    ...given,
  };
}
