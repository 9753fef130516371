import { s } from './dom.ts';
import { placeLabels, type LabelBox } from './label-placement.ts';
import { linearScale, niceTicks, type LinearScale } from './scale.ts';

// Charts drawn as inline SVG built node by node; labels are text nodes, so model names stay inert.
// Every mark is placed by the same scale as the axis it sits on (docs/decisions/0166-charts.md): ticks carry
// `data-value` and marks `data-x` / `data-y`, so tests can check positions against the axis.

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

/** Approximate width of a 12 px label (the charts' font size) in SVG units. */
export function labelWidth(text: string): number {
  return text.length * 6.6 + 4;
}

function shorten(text: string, width: number): string {
  const characters = Math.max(4, Math.floor((width - 4) / 6.6));
  return text.length > characters ? `${text.slice(0, characters - 1)}…` : text;
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
  const labelColumn = 240;
  const rowHeight = 26;
  const height = rows.length * rowHeight + 30;
  const plotWidth = width - labelColumn - 90;
  const x = linearScale([options.min, options.max], [labelColumn, labelColumn + plotWidth]);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  for (const tick of niceTicks(options.min, options.max, 5)) {
    svg.append(
      s('line', {
        x1: x(tick),
        x2: x(tick),
        y1: 0,
        y2: height - 20,
        class: 'grid x-grid',
        'data-value': tick,
      }),
      s(
        'text',
        { x: x(tick), y: height - 6, 'text-anchor': 'middle', class: 'tick x-tick', 'data-value': tick },
        options.format(tick),
      ),
    );
  }
  if (options.zero) svg.append(s('line', { x1: x(0), x2: x(0), y1: 0, y2: height - 20, class: 'zero' }));
  rows.forEach((row, index) => {
    const y = index * rowHeight + rowHeight / 2 + 2;
    const short = row.label.length > 36 ? `…${row.label.slice(-35)}` : row.label;
    svg.append(
      s(
        'text',
        { x: labelColumn - 8, y: y + 4, 'text-anchor': 'end', class: 'label' },
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
        s('circle', { cx: x(row.value), cy: y, r: 4.5, fill: seriesColor(index), 'data-x': row.value }),
        s(
          'text',
          { x: labelColumn + plotWidth + 10, y: y + 4, class: 'value' },
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

export interface AxisOptions {
  /** Axis titles with their units, e.g. 'end-to-end latency (ms)'. */
  readonly xLabel: string;
  readonly yLabel: string;
  /** Fixed y maximum (1 for fractions); otherwise the largest y value. */
  readonly yMax?: number;
  readonly width?: number;
  /** Tick text; default 3 significant digits, thousands as k. */
  readonly formatX?: (value: number) => string;
  readonly formatY?: (value: number) => string;
}

interface Frame {
  readonly svg: SVGSVGElement;
  readonly x: LinearScale;
  readonly y: LinearScale;
  /** The plot area in SVG units. */
  readonly plot: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
  };
  readonly legendX: number;
}

const margin = { left: 64, right: 190, top: 12, bottom: 44 };

/**
 * Axes, grid, ticks and axis titles over the domain of every value that will be drawn: the one place the
 * x and y scales are made, so each mark drawn with them lands where its axis says.
 */
function frame(
  values: { xs: readonly number[]; ys: readonly number[] },
  options: AxisOptions,
  rows: number,
): Frame {
  const width = options.width ?? 720;
  const height = Math.max(320, margin.top + margin.bottom + 18 * rows + 20);
  const xMin = Math.min(0, ...values.xs);
  const xMax = Math.max(1e-9, ...values.xs);
  const yMax = options.yMax ?? Math.max(1e-9, ...values.ys);
  const xTicks = niceTicks(xMin, xMax, 6);
  const yTicks = niceTicks(0, yMax, 5);
  // The axis ends on a tick at or beyond the largest value, so no mark lies past the last labelled tick.
  const xEnd = Math.max(xMax, xTicks.at(-1) ?? xMax);
  const yEnd = options.yMax ?? Math.max(yMax, yTicks.at(-1) ?? yMax);
  const plot = {
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
  const x = linearScale([xMin, xEnd], [plot.left, plot.right]);
  const y = linearScale([0, yEnd], [plot.bottom, plot.top]);
  const formatX = options.formatX ?? formatTick;
  const formatY = options.formatY ?? formatTick;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  for (const tick of niceTicks(xMin, xEnd, 6)) {
    svg.append(
      s('line', {
        x1: x(tick),
        x2: x(tick),
        y1: plot.top,
        y2: plot.bottom,
        class: 'grid x-grid',
        'data-value': tick,
      }),
      s(
        'text',
        {
          x: x(tick),
          y: plot.bottom + 16,
          'text-anchor': 'middle',
          class: 'tick x-tick',
          'data-value': tick,
        },
        formatX(tick),
      ),
    );
  }
  for (const tick of niceTicks(0, yEnd, 5)) {
    svg.append(
      s('line', {
        x1: plot.left,
        x2: plot.right,
        y1: y(tick),
        y2: y(tick),
        class: 'grid y-grid',
        'data-value': tick,
      }),
      s(
        'text',
        { x: plot.left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick y-tick', 'data-value': tick },
        formatY(tick),
      ),
    );
  }
  const middleY = (plot.top + plot.bottom) / 2;
  svg.append(
    s('line', { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, class: 'axis-line' }),
    s('line', { x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom, class: 'axis-line' }),
    s(
      'text',
      { x: (plot.left + plot.right) / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis x-axis' },
      options.xLabel,
    ),
    s(
      'text',
      {
        x: 12,
        y: middleY,
        'text-anchor': 'middle',
        class: 'axis y-axis',
        transform: `rotate(-90 12 ${middleY})`,
      },
      options.yLabel,
    ),
  );
  return { svg, x, y, plot, legendX: plot.right + 12 };
}

/** One legend entry per series (a short line in its colour and its name; the full name as a tooltip). */
function legend(target: Frame, entries: readonly { name: string; color: string; marker?: boolean }[]): void {
  const group = s('g', { class: 'legend' });
  const textWidth = margin.right - 40;
  entries.forEach((entry, index) => {
    const legendY = target.plot.top + 14 + index * 18;
    const item = s('g', { class: 'legend-item' }, s('title', {}, entry.name));
    group.append(item);
    item.append(
      entry.marker
        ? s('circle', { cx: target.legendX + 9, cy: legendY - 4, r: 4.5, fill: entry.color })
        : s('line', {
            x1: target.legendX,
            x2: target.legendX + 18,
            y1: legendY - 4,
            y2: legendY - 4,
            class: 'series',
            stroke: entry.color,
          }),
      s(
        'text',
        { x: target.legendX + 24, y: legendY, class: 'legend-entry' },
        shorten(entry.name, textWidth),
      ),
    );
  });
  target.svg.append(group);
}

function pathOf(points: readonly (readonly [number, number])[], x: LinearScale, y: LinearScale): string {
  return points
    .map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${x(px).toFixed(2)},${y(py).toFixed(2)}`)
    .join('');
}

/**
 * Lines (with dots when `markers`) over numeric x and y axes, with a legend: several series share one pair
 * of axes (overlaid), scaled to every point of every series.
 */
export function lineChart(
  series: readonly LineSeries[],
  options: AxisOptions & { markers?: boolean; step?: boolean },
): SVGSVGElement {
  const all = series.flatMap((line) => line.points);
  const target = frame({ xs: all.map(([px]) => px), ys: all.map(([, py]) => py) }, options, series.length);
  series.forEach((line, index) => {
    const color = seriesColor(index);
    const path = pathOf(options.step ? stepPoints(line.points) : line.points, target.x, target.y);
    if (path !== '')
      target.svg.append(s('path', { d: path, class: 'series', stroke: color, 'data-series': line.name }));
    if (options.markers)
      for (const [px, py] of line.points)
        target.svg.append(
          s('circle', {
            cx: target.x(px),
            cy: target.y(py),
            r: 3.5,
            fill: color,
            class: 'marker',
            'data-x': px,
            'data-y': py,
          }),
        );
  });
  legend(
    target,
    series.map((line, index) => ({ name: line.name, color: seriesColor(index) })),
  );
  return target.svg;
}

/** Points of a step function through `points` (ascending x): each value holds until the next x. */
function stepPoints(points: readonly (readonly [number, number])[]): [number, number][] {
  const steps: [number, number][] = [];
  let previous: number | undefined;
  for (const [px, py] of points) {
    if (previous !== undefined) steps.push([px, previous]);
    steps.push([px, py]);
    previous = py;
  }
  return steps;
}

export function formatTick(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Number((value / 1000).toPrecision(3))}k`;
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

/**
 * A labelled scatter plot with the Pareto frontier as a step line. The axes span every point (not only the
 * frontier), and labels are placed so they do not overlap each other, the dots, or the plot's edges.
 */
export function paretoChart(points: readonly ScatterPoint[], options: AxisOptions): SVGSVGElement {
  const target = frame(
    { xs: points.map((point) => point.x), ys: points.map((point) => point.y) },
    options,
    2,
  );
  const frontier = paretoFrontier(points);
  const path = pathOf(stepPoints(frontier.map((point) => [point.x, point.y] as const)), target.x, target.y);
  if (path !== '')
    target.svg.append(s('path', { d: path, class: 'series frontier', stroke: seriesColor(0) }));
  const anchors = points.map((point) => ({ x: target.x(point.x), y: target.y(point.y) }));
  const boxes: LabelBox[] = placeLabels(
    points.map((point, index) => ({
      anchor: anchors[index] ?? { x: 0, y: 0 },
      width: labelWidth(point.label),
      height: 14,
    })),
    { bounds: target.plot, obstacles: anchors.map((anchor) => ({ ...anchor, radius: 6 })) },
  );
  points.forEach((point, index) => {
    const anchor = anchors[index] ?? { x: 0, y: 0 };
    const box = boxes[index];
    target.svg.append(
      s('circle', {
        cx: anchor.x,
        cy: anchor.y,
        r: 5,
        fill: seriesColor(index + 1),
        class: 'point',
        'data-x': point.x,
        'data-y': point.y,
        'data-label': point.label,
      }),
    );
    if (box) {
      target.svg.append(
        s('line', {
          x1: anchor.x,
          y1: anchor.y,
          x2: box.leaderX,
          y2: box.leaderY,
          class: 'leader',
        }),
        s('text', { x: box.x + 2, y: box.y + box.height - 3, class: 'label point-label' }, point.label),
      );
    }
  });
  legend(target, [
    { name: 'Pareto frontier', color: seriesColor(0) },
    { name: 'run (label: model)', color: seriesColor(1), marker: true },
  ]);
  return target.svg;
}
