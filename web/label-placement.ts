// Places point labels so they overlap neither each other, nor the points, nor the plot's edges: for each
// point (left to right, then top to bottom) the first candidate position around it that is free, else the
// candidate with the least overlap. No DOM, so unit tests run it in Node.

export interface LabelRequest {
  readonly anchor: { readonly x: number; readonly y: number };
  readonly width: number;
  readonly height: number;
}

/** A placed label: its box (top-left corner, size) and where its leader line meets it. */
export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly leaderX: number;
  readonly leaderY: number;
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** Whether two boxes overlap (touching edges do not). */
export function boxesOverlap(a: Rect, b: Rect): boolean {
  return overlapArea(a, b) > 0;
}

function outside(box: Rect, bounds: { left: number; right: number; top: number; bottom: number }): number {
  const over =
    Math.max(0, bounds.left - box.x) +
    Math.max(0, box.x + box.width - bounds.right) +
    Math.max(0, bounds.top - box.y) +
    Math.max(0, box.y + box.height - bounds.bottom);
  return over * 1000;
}

/** Candidate boxes around an anchor, nearest first: right, left, above, below, then farther out. */
function candidates(request: LabelRequest): Rect[] {
  const { x, y } = request.anchor;
  const { width, height } = request;
  const result: Rect[] = [];
  for (const distance of [7, 16, 28, 42, 58]) {
    result.push(
      { x: x + distance, y: y - distance - height + 4, width, height },
      { x: x + distance, y: y + distance - 4, width, height },
      { x: x - distance - width, y: y - distance - height + 4, width, height },
      { x: x - distance - width, y: y + distance - 4, width, height },
      { x: x - width / 2, y: y - distance - height, width, height },
      { x: x - width / 2, y: y + distance, width, height },
      { x: x + distance, y: y - height / 2, width, height },
      { x: x - distance - width, y: y - height / 2, width, height },
    );
  }
  return result;
}

/** The point of `box` nearest to the anchor (where a leader line from the point ends). */
function leaderEnd(box: Rect, anchor: { x: number; y: number }): { leaderX: number; leaderY: number } {
  return {
    leaderX: Math.min(Math.max(anchor.x, box.x), box.x + box.width),
    leaderY: Math.min(Math.max(anchor.y, box.y), box.y + box.height),
  };
}

/** One box per request, in the order given. */
export function placeLabels(
  requests: readonly LabelRequest[],
  options: {
    bounds: { left: number; right: number; top: number; bottom: number };
    obstacles: readonly { x: number; y: number; radius: number }[];
  },
): LabelBox[] {
  const order = requests
    .map((request, index) => ({ request, index }))
    .sort((a, b) => a.request.anchor.x - b.request.anchor.x || a.request.anchor.y - b.request.anchor.y);
  const obstacles: Rect[] = options.obstacles.map((point) => ({
    x: point.x - point.radius,
    y: point.y - point.radius,
    width: point.radius * 2,
    height: point.radius * 2,
  }));
  const placed: Rect[] = [];
  const result: LabelBox[] = new Array<LabelBox>(requests.length);
  for (const { request, index } of order) {
    let best: Rect | undefined;
    let bestCost = Infinity;
    for (const [rank, box] of candidates(request).entries()) {
      const cost =
        outside(box, options.bounds) +
        [...placed, ...obstacles].reduce((sum, other) => sum + overlapArea(box, other) * 100, 0) +
        rank;
      if (cost < bestCost) {
        best = box;
        bestCost = cost;
      }
      if (cost === rank) break;
    }
    const box = best ?? {
      x: request.anchor.x,
      y: request.anchor.y,
      width: request.width,
      height: request.height,
    };
    placed.push(box);
    result[index] = { ...box, ...leaderEnd(box, request.anchor) };
  }
  return result;
}
