import { s } from './dom.ts';

// Charts drawn as inline SVG built node by node; labels are text nodes, so model names stay inert.

export interface IntervalRow {
  readonly label: string;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly note?: string;
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f'];

export function seriesColor(index: number): string {
  return palette[index % palette.length] ?? '#2563eb';
}

function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || 1;
  const step = 10 ** Math.floor(Math.log10(span / count));
  const multiple = [1, 2, 5, 10].find((candidate) => span / (candidate * step) <= count) ?? 10;
  const size = multiple * step;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / size) * size; tick <= max + size * 1e-9; tick += size)
    ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/**
 * Horizontal interval bars: a dot at the value and a line across the 95% interval, one row per entry,
 * on the axis [min, max]. `zero` draws a reference line (differences).
 */
export function intervalChart(
  rows: readonly IntervalRow[],
  options: { min: number; max: number; format: (value: number) => string; zero?: boolean; width?: number },
): SVGSVGElement {
  const width = options.width ?? 720;
  const labelWidth = 240;
  const rowHeight = 26;
  const height = rows.length * rowHeight + 30;
  const plotWidth = width - labelWidth - 90;
  const x = (value: number): number =>
    labelWidth + ((value - options.min) / (options.max - options.min || 1)) * plotWidth;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  for (const tick of niceTicks(options.min, options.max, 5)) {
    svg.append(
      s('line', { x1: x(tick), x2: x(tick), y1: 0, y2: height - 20, class: 'grid' }),
      s('text', { x: x(tick), y: height - 6, 'text-anchor': 'middle', class: 'tick' }, options.format(tick)),
    );
  }
  if (options.zero) svg.append(s('line', { x1: x(0), x2: x(0), y1: 0, y2: height - 20, class: 'zero' }));
  rows.forEach((row, index) => {
    const y = index * rowHeight + rowHeight / 2 + 2;
    const short = row.label.length > 36 ? `…${row.label.slice(-35)}` : row.label;
    svg.append(
      s(
        'text',
        { x: labelWidth - 8, y: y + 4, 'text-anchor': 'end', class: 'label' },
        s('title', {}, row.label),
        short,
      ),
    );
    if (row.low !== null && row.high !== null) {
      svg.append(
        s('line', {
          x1: x(row.low),
          x2: x(row.high),
          y1: y,
          y2: y,
          class: 'interval',
          stroke: seriesColor(index),
        }),
      );
      for (const end of [row.low, row.high]) {
        svg.append(
          s('line', {
            x1: x(end),
            x2: x(end),
            y1: y - 5,
            y2: y + 5,
            class: 'interval',
            stroke: seriesColor(index),
          }),
        );
      }
    }
    if (row.value !== null) {
      svg.append(
        s('circle', { cx: x(row.value), cy: y, r: 4.5, fill: seriesColor(index) }),
        s(
          'text',
          { x: labelWidth + plotWidth + 10, y: y + 4, class: 'value' },
          row.note ?? options.format(row.value),
        ),
      );
    }
  });
  return svg;
}

export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

/** Lines (with dots when `markers`) over numeric x and y axes, with a legend. */
export function lineChart(
  series: readonly LineSeries[],
  options: { xLabel: string; yLabel: string; markers?: boolean; yMax?: number; width?: number },
): SVGSVGElement {
  const width = options.width ?? 720;
  const height = 320;
  const margin = { left: 64, right: 170, top: 12, bottom: 44 };
  const all = series.flatMap((line) => line.points);
  const xs = all.map(([px]) => px);
  const ys = all.map(([, py]) => py);
  const xMin = Math.min(0, ...xs);
  const xMax = Math.max(1e-9, ...xs);
  const yMax = options.yMax ?? Math.max(1e-9, ...ys);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (value: number): number => margin.left + ((value - xMin) / (xMax - xMin || 1)) * plotWidth;
  const y = (value: number): number => margin.top + plotHeight - (value / (yMax || 1)) * plotHeight;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  for (const tick of niceTicks(xMin, xMax, 6)) {
    svg.append(
      s('line', { x1: x(tick), x2: x(tick), y1: margin.top, y2: margin.top + plotHeight, class: 'grid' }),
      s(
        'text',
        { x: x(tick), y: margin.top + plotHeight + 16, 'text-anchor': 'middle', class: 'tick' },
        formatTick(tick),
      ),
    );
  }
  for (const tick of niceTicks(0, yMax, 5)) {
    svg.append(
      s('line', { x1: margin.left, x2: margin.left + plotWidth, y1: y(tick), y2: y(tick), class: 'grid' }),
      s(
        'text',
        { x: margin.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick' },
        formatTick(tick),
      ),
    );
  }
  svg.append(
    s(
      'text',
      { x: margin.left + plotWidth / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' },
      options.xLabel,
    ),
    s(
      'text',
      {
        x: 12,
        y: margin.top + plotHeight / 2,
        'text-anchor': 'middle',
        class: 'axis',
        transform: `rotate(-90 12 ${margin.top + plotHeight / 2})`,
      },
      options.yLabel,
    ),
  );
  series.forEach((line, index) => {
    const color = seriesColor(index);
    const path = line.points
      .map(([px, py], pointIndex) => `${pointIndex === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`)
      .join('');
    if (path !== '') svg.append(s('path', { d: path, class: 'series', stroke: color }));
    if (options.markers)
      for (const [px, py] of line.points)
        svg.append(s('circle', { cx: x(px), cy: y(py), r: 3.5, fill: color }));
    const legendY = margin.top + 14 + index * 18;
    svg.append(
      s('line', {
        x1: width - margin.right + 12,
        x2: width - margin.right + 30,
        y1: legendY - 4,
        y2: legendY - 4,
        class: 'series',
        stroke: color,
      }),
      s('text', { x: width - margin.right + 36, y: legendY, class: 'legend' }, line.name),
    );
  });
  return svg;
}

function formatTick(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  return Number(value.toPrecision(3)).toString();
}

/** Empirical CDF points of ascending values: (value, fraction of values ≤ it). */
export function cdfPoints(sorted: readonly number[]): [number, number][] {
  return sorted.map((value, index) => [value, (index + 1) / sorted.length]);
}

export interface ScatterPoint {
  readonly label: string;
  readonly x: number;
  readonly y: number;
}

/** Points that no other point beats on both axes (lower x, higher y), by ascending x. */
export function paretoFrontier(points: readonly ScatterPoint[]): ScatterPoint[] {
  const sorted = [...points].sort((left, right) => left.x - right.x || right.y - left.y);
  const frontier: ScatterPoint[] = [];
  for (const point of sorted) {
    if (frontier.length === 0 || point.y > (frontier.at(-1)?.y ?? -Infinity)) frontier.push(point);
  }
  return frontier;
}

/** A labelled scatter plot with the Pareto frontier drawn as a step line. */
export function paretoChart(
  points: readonly ScatterPoint[],
  options: { xLabel: string; yLabel: string; yMax?: number },
): SVGSVGElement {
  const frontier = paretoFrontier(points);
  const svg = lineChart(
    [{ name: 'Pareto frontier', points: frontier.map((point) => [point.x, point.y] as const) }],
    {
      ...options,
      markers: false,
    },
  );
  const width = 720;
  const margin = { left: 64, right: 170, top: 12, bottom: 44 };
  const xs = points.map((point) => point.x);
  const xMin = Math.min(0, ...xs);
  const xMax = Math.max(1e-9, ...xs);
  const yMax = options.yMax ?? Math.max(1e-9, ...points.map((point) => point.y));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = 320 - margin.top - margin.bottom;
  points.forEach((point, index) => {
    const cx = margin.left + ((point.x - xMin) / (xMax - xMin || 1)) * plotWidth;
    const cy = margin.top + plotHeight - (point.y / (yMax || 1)) * plotHeight;
    svg.append(
      s('circle', { cx, cy, r: 5, fill: seriesColor(index + 1) }),
      s('text', { x: cx + 7, y: cy - 7, class: 'label' }, point.label),
    );
  });
  return svg;
}
