/**
 * The progress figures the formatters need. The runner's ProgressState has this shape; it is restated here
 * because report/ may not import runner/.
 */
export interface ProgressView {
  readonly totalItems: number;
  readonly doneItems: number;
  readonly cachedItems: number;
  readonly failedItems: number;
  readonly retries: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly itemsPerSecond: number;
  /** undefined while unknown. */
  readonly etaSeconds: number | undefined;
  /** USD spent so far at the model's list price; undefined when the model has no catalog price. */
  readonly costUsd?: number;
  /** false when requests finished but none reported token usage: the counts are unknown, not 0. */
  readonly tokensKnown?: boolean;
}

/** `tok 1.2M/48k`, or `tokens unknown` when no response reported usage. */
function tokensPart(state: ProgressView): string {
  return state.tokensKnown === false
    ? 'tokens unknown'
    : `tok ${formatCount(state.inputTokens)}/${formatCount(state.outputTokens)}`;
}

/** "950", "48k", "1.2M", "3.4G": one decimal below 10 of a unit, none above. */
export function formatCount(value: number): string {
  const units: readonly [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    // 999 999 is "1.0M", not "1000k".
    if (value >= size * 0.9995) {
      const scaled = value / size;
      return `${scaled < 9.95 ? scaled.toFixed(1) : Math.round(scaled).toString()}${suffix}`;
    }
  }
  return Math.round(value).toString();
}

/** "0:07", "12:34", "1:02:03"; "--:--" when unknown. Seconds are rounded up so a running job never shows 0:00. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--:--';
  const total = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function formatRate(itemsPerSecond: number): string {
  return itemsPerSecond < 10 ? itemsPerSecond.toFixed(1) : Math.round(itemsPerSecond).toString();
}

function fractionDone(state: ProgressView): number {
  if (state.totalItems <= 0) return 1;
  return Math.min(1, Math.max(0, state.doneItems / state.totalItems));
}

/** Cached and retry counts, only when there are any, and the spend when known. */
function extras(state: ProgressView, options: { separator?: string; counts?: boolean } = {}): string {
  const separator = options.separator ?? '  ';
  const parts: string[] = [];
  if (options.counts !== false && state.cachedItems > 0) parts.push(`cached ${state.cachedItems}`);
  if (options.counts !== false && state.retries > 0) parts.push(`retry ${state.retries}`);
  if (state.costUsd !== undefined) parts.push(`$${state.costUsd.toFixed(4)}`);
  return parts.length > 0 ? `${separator}${parts.join(separator)}` : '';
}

/**
 * One terminal line: `[#####.....] 512/1000  51%  812 it/s  ETA 0:01  tok 1.2M/48k  err 0`, then
 * `cached N` and `retry N` when not 0. `width` is the number of cells between the brackets (default 20).
 * The percentage is rounded down, so 100% means every item is done.
 */
export function formatProgressBar(state: ProgressView, options: { width?: number } = {}): string {
  const width = Math.max(1, Math.floor(options.width ?? 20));
  const fraction = fractionDone(state);
  const filled = Math.floor(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
  return (
    `${bar} ${state.doneItems}/${state.totalItems}  ${Math.floor(fraction * 100)}%  ` +
    `${formatRate(state.itemsPerSecond)} it/s  ETA ${formatDuration(state.etaSeconds)}  ` +
    `${tokensPart(state)}  err ${state.failedItems}` +
    extras(state)
  );
}

/** The bar with single spaces and no percentage: `[#####.....] 512/1000 812/s ETA 0:01 tok 1.2M/48k err 0`. */
function compactProgressBar(state: ProgressView, options: { width: number; counts: boolean }): string {
  const fraction = fractionDone(state);
  const filled = Math.floor(fraction * options.width);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(options.width - filled)}] ${state.doneItems}/${state.totalItems} ` +
    `${formatRate(state.itemsPerSecond)}/s ETA ${formatDuration(state.etaSeconds)} ${tokensPart(state)} ` +
    `err ${state.failedItems}${extras(state, { separator: ' ', counts: options.counts })}`
  );
}

/**
 * `label bar` in fewer than `columns` characters (default 80), so that a terminal redraws it in place instead of
 * wrapping it onto new lines: the full bar, else a narrower bar, else a compact one (without cache and retry
 * counts if need be), else with the label shortened, else cut.
 */
export function fitProgressBar(
  label: string,
  state: ProgressView,
  options: { columns?: number } = {},
): string {
  const limit = Math.max(20, Math.min(options.columns ?? 80, 80)) - 1;
  const candidates = [
    `${label} ${formatProgressBar(state, { width: 20 })}`,
    `${label} ${formatProgressBar(state, { width: 10 })}`,
    `${label} ${compactProgressBar(state, { width: 10, counts: true })}`,
    `${label} ${compactProgressBar(state, { width: 5, counts: false })}`,
  ];
  const fitting = candidates.find((line) => line.length <= limit);
  if (fitting) return fitting;
  const bar = compactProgressBar(state, { width: 5, counts: false });
  const room = limit - bar.length - 1;
  if (room >= 6) return `${label.slice(0, room - 1)}… ${bar}`;
  return bar.slice(0, limit);
}

/**
 * A self-contained line for logs and other non-terminal output, printed periodically:
 * `progress 512/1000 (51%) 812 it/s, ETA 0:01, tokens in 1.2M out 48k, errors 0, cached 0, retries 0`.
 */
export function formatProgressLine(state: ProgressView): string {
  const percent = Math.floor(fractionDone(state) * 100);
  return (
    `progress ${state.doneItems}/${state.totalItems} (${percent}%) ${formatRate(state.itemsPerSecond)} it/s, ` +
    `ETA ${formatDuration(state.etaSeconds)}, ${state.tokensKnown === false ? 'tokens unknown' : `tokens in ${formatCount(state.inputTokens)} out ${formatCount(state.outputTokens)}`}, ` +
    `errors ${state.failedItems}, cached ${state.cachedItems}, retries ${state.retries}` +
    (state.costUsd === undefined ? '' : `, cost $${state.costUsd.toFixed(4)}`)
  );
}
