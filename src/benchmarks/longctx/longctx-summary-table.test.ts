import { describe, expect, it } from 'vitest';
import {
  formatLongctxSummary,
  parseLongctxItemId,
  rulerThreshold,
  summarizeLongctx,
} from './longctx-summary.ts';

// Expected values below are worked by hand from the item scores (means, column widths, padding).
const scored = (itemId: string, accuracy: number | null, inputTokens?: number) => ({
  itemId,
  scores: { accuracy },
  ...(inputTokens === undefined ? {} : { inputTokens }),
});

describe('summarizeLongctx, worked by hand', () => {
  // Given out of order; unparsable ids, unknown tasks and unscored items are ignored.
  const items = [
    scored('niah_single/8192/d0/0', 0),
    scored('vt/4096/d50/0', 0.5, 4001),
    scored('niah_single/4096/d0/0', 1, 4000),
    scored('niah_single/8192/d50/1', null, 9000),
    { itemId: 'niah_single/8192/d50/2', scores: {}, inputTokens: 9000 },
    scored('other_task/4096/d0/0', 0),
    scored('not-an-id', 0),
  ];
  // Summarised inside each test: the mutation run counts only what runs in a test (decision 0302).
  const summaryOf = () => summarizeLongctx(items);

  it('groups by length, depth and both, sorted ascending, with means and counts', () => {
    const summary = summaryOf();
    expect(summary.byLength).toEqual([
      { key: 4096, n: 2, accuracy: 0.75, meanInputTokens: 4000.5 },
      { key: 8192, n: 1, accuracy: 0 },
    ]);
    expect(summary.byDepth).toEqual([
      { key: 0, n: 2, accuracy: 0.5 },
      { key: 50, n: 1, accuracy: 0.5 },
    ]);
    expect(summary.grid).toEqual([
      {
        length: 4096,
        cells: [
          { key: 0, n: 1, accuracy: 1 },
          { key: 50, n: 1, accuracy: 0.5 },
        ],
      },
      { length: 8192, cells: [{ key: 0, n: 1, accuracy: 0 }] },
    ]);
    expect(summary.threshold).toBe(0.856);
    expect(rulerThreshold).toBe(0.856);
    // 0.75 at the shortest length is not above 85.6%.
    expect(summary.effectiveLength).toBeNull();
  });

  it('sorts three or more groups numerically, not by insertion or as text', () => {
    const many = summarizeLongctx([
      scored('vt/16384/d100/0', 1),
      scored('vt/2048/d25/0', 1),
      scored('vt/65536/d0/0', 1),
      scored('vt/2048/d100/0', 1),
      scored('vt/2048/d0/0', 1),
    ]);
    expect(many.byLength.map((cell) => cell.key)).toEqual([2048, 16384, 65536]);
    expect(many.byDepth.map((cell) => cell.key)).toEqual([0, 25, 100]);
    expect(many.grid.map((row) => row.length)).toEqual([2048, 16384, 65536]);
    expect(many.grid[0]?.cells.map((cell) => cell.key)).toEqual([0, 25, 100]);
    expect(many.effectiveLength).toBe(65536);
  });

  it('an accuracy equal to the threshold is not above it', () => {
    expect(summarizeLongctx([scored('vt/4096/d0/0', 0.75)], 0.75).effectiveLength).toBeNull();
    expect(summarizeLongctx([scored('vt/4096/d0/0', 0.75)], 0.7499).effectiveLength).toBe(4096);
    expect(
      summarizeLongctx([scored('vt/4096/d0/0', 0.9), scored('vt/8192/d0/0', 0.856)]).effectiveLength,
    ).toBe(4096);
  });

  it('formats the length × depth table with padded columns, then the effective length', () => {
    expect(formatLongctxSummary(summaryOf()).split('\n')).toEqual([
      'length  d0      d50    all    n  prompt tokens (server)',
      '4096    100.0%  50.0%  75.0%  2  4001',
      '8192    0.0%    -      0.0%   1  not reported',
      'all     50.0%   50.0%',
      'effective context length: none (accuracy at 4096 tokens is not above 85.6%)',
    ]);
  });

  it('names the effective length and the threshold in the last line', () => {
    const text = formatLongctxSummary(
      summarizeLongctx([scored('vt/4096/d0/0', 0.9), scored('vt/8192/d0/0', 0.5)], 0.6),
    );
    expect(text.split('\n').at(-1)).toBe(
      'effective context length: 4096 tokens (largest length with accuracy above 60.0% at it and every shorter length)',
    );
  });

  it('formats an empty summary without failing', () => {
    expect(formatLongctxSummary(summarizeLongctx([])).split('\n')).toEqual([
      'length  all  n  prompt tokens (server)',
      'all',
      'effective context length: none (accuracy at - tokens is not above 85.6%)',
    ]);
  });
});

describe('parseLongctxItemId, anchored', () => {
  it('reads multi-digit numbers and refuses extra text around the id', () => {
    expect(parseLongctxItemId('vt/131072/d100/12')).toEqual({
      task: 'vt',
      tokens: 131072,
      depth: 100,
      index: 12,
    });
    expect(parseLongctxItemId(' vt/4096/d0/0')).toBeUndefined();
    expect(parseLongctxItemId('vt/4096/d0/0x')).toBeUndefined();
    expect(parseLongctxItemId('vt/4096/0/0')).toBeUndefined();
    expect(parseLongctxItemId('VT/4096/d0/0')).toBeUndefined();
  });
});

describe('formatLongctxSummary of a summary built elsewhere', () => {
  it('shows "-", 0 and "not reported" for a grid row without a length total', () => {
    const text = formatLongctxSummary({
      byLength: [],
      byDepth: [{ key: 0, n: 1, accuracy: 1 }],
      grid: [{ length: 4096, cells: [{ key: 0, n: 1, accuracy: 1 }] }],
      threshold: 0.5,
      effectiveLength: null,
    });
    expect(text.split('\n')).toEqual([
      'length  d0      all  n  prompt tokens (server)',
      '4096    100.0%  -    0  not reported',
      'all     100.0%',
      'effective context length: none (accuracy at - tokens is not above 50.0%)',
    ]);
  });
});
