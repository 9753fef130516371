import { describe, expect, it } from 'vitest';
import { boxesOverlap, placeLabels } from '../web/label-placement.ts';
import { linearScale, niceTicks } from '../web/scale.ts';

describe('chart scales', () => {
  it('maps values linearly onto the range and back, including reversed (y) ranges', () => {
    const x = linearScale([0, 1000], [64, 530]);
    expect(x(0)).toBe(64);
    expect(x(1000)).toBe(530);
    expect(x(48)).toBeCloseTo(64 + 0.048 * 466, 9);
    expect(x.invert(x(375.5))).toBeCloseTo(375.5, 9);
    const y = linearScale([0, 1], [276, 12]);
    expect(y(0)).toBe(276);
    expect(y(1)).toBe(12);
    expect(y(0.25)).toBe(210);
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });

  it('gives round ticks that cover the values, the last one at or past the maximum', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 900, 6)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(0, 48, 6)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0, 0.0042, 6)).toEqual([0, 0.001, 0.002, 0.003, 0.004, 0.005]);
    const ticks = niceTicks(-0.07, 0.31, 5);
    expect(ticks[0]).toBeLessThanOrEqual(-0.07);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(0.31);
  });
});

describe('label placement', () => {
  const bounds = { left: 0, right: 500, top: 0, bottom: 300 };

  it('keeps labels of points at the same spot apart from each other and inside the plot', () => {
    const anchors = [
      { x: 200, y: 150 },
      { x: 200, y: 150 },
      { x: 202, y: 152 },
      { x: 490, y: 5 },
    ];
    const boxes = placeLabels(
      anchors.map((anchor) => ({ anchor, width: 120, height: 14 })),
      { bounds, obstacles: anchors.map((anchor) => ({ ...anchor, radius: 6 })) },
    );
    for (const [index, box] of boxes.entries()) {
      expect(box.x).toBeGreaterThanOrEqual(bounds.left);
      expect(box.x + box.width).toBeLessThanOrEqual(bounds.right);
      expect(box.y).toBeGreaterThanOrEqual(bounds.top);
      expect(box.y + box.height).toBeLessThanOrEqual(bounds.bottom);
      for (const other of boxes.slice(index + 1)) expect(boxesOverlap(box, other)).toBe(false);
    }
  });

  it('puts a lone label right beside its point, with the leader ending on the box', () => {
    const [box] = placeLabels([{ anchor: { x: 100, y: 100 }, width: 50, height: 14 }], {
      bounds,
      obstacles: [{ x: 100, y: 100, radius: 6 }],
    });
    expect(box?.x).toBe(107);
    expect(box && box.y + box.height).toBeLessThanOrEqual(100);
    expect(box?.leaderX).toBe(107);
  });
});
