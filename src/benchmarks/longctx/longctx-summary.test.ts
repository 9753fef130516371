import { describe, expect, it } from 'vitest';
import { formatLongctxSummary, parseLongctxItemId, summarizeLongctx } from './longctx-summary.ts';

const scored = (itemId: string, accuracy: number, inputTokens?: number) => ({
  itemId,
  scores: { accuracy },
  ...(inputTokens === undefined ? {} : { inputTokens }),
});

describe('summarizeLongctx', () => {
  it('gives accuracy per length and depth and the effective length at the threshold', () => {
    const summary = summarizeLongctx([
      scored('niah_single/4096/d0/0', 1, 4000),
      scored('vt/4096/d100/0', 1, 4100),
      scored('niah_single/8192/d0/0', 1),
      scored('vt/8192/d100/0', 0.8),
      scored('niah_single/16384/d0/0', 0),
      scored('vt/16384/d100/0', 0),
      scored('niah_single/32768/d0/0', 1),
      scored('vt/32768/d100/0', 1),
    ]);
    expect(summary.byLength.map((cell) => [cell.key, cell.accuracy])).toEqual([
      [4096, 1],
      [8192, 0.9],
      [16384, 0],
      [32768, 1],
    ]);
    expect(summary.byLength[0]?.meanInputTokens).toBe(4050);
    expect(summary.byDepth.map((cell) => [cell.key, cell.accuracy])).toEqual([
      [0, 0.75],
      [100, 0.7],
    ]);
    // 32768 is above the threshold but 16384 is not: the effective length stops at 8192.
    expect(summary.effectiveLength).toBe(8192);
    expect(summarizeLongctx([scored('vt/8192/d100/0', 0.8)], 0.9).effectiveLength).toBeNull();
    expect(summarizeLongctx([scored('vt/8192/d100/0', 0.8)], 0.5).effectiveLength).toBe(8192);
    const text = formatLongctxSummary(summary);
    expect(text).toContain('effective context length: 8192 tokens');
    expect(text.split('\n')[1]).toMatch(/^4096 +100\.0% +100\.0% +100\.0% +2 +4050$/);
  });

  it('parses item ids and ignores others', () => {
    expect(parseLongctxItemId('niah_multikey/65536/d25/3')).toEqual({
      task: 'niah_multikey',
      tokens: 65536,
      depth: 25,
      index: 3,
    });
    expect(parseLongctxItemId('other/1/d2/3')).toBeUndefined();
  });
});
