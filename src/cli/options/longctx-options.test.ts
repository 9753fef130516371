import { describe, expect, it } from 'vitest';
import { captureIo } from '../../../test/support/capture-io.ts';
import { generateLongctxItems } from '../../benchmarks/longctx/generate-longctx-items.ts';
import {
  contextWindowFlag,
  itemsWithinContextWindow,
  parseSyntheticFlags,
  parseThreshold,
  parseTokenCount,
  syntheticForSamples,
} from './longctx-options.ts';
import { main } from '../main.ts';

describe('longctx options', () => {
  it('reads 4k as 4096 and refuses other spellings naming the flag', () => {
    expect(parseTokenCount('--lengths', '4k')).toBe(4096);
    expect(parseTokenCount('--lengths', '128K')).toBe(131072);
    expect(parseTokenCount('--lengths', '3000')).toBe(3000);
    expect(() => parseTokenCount('--lengths', '4kb')).toThrow(/--lengths|4kb/);
  });

  it('parses every flag and leaves settings out when none is given', () => {
    expect(parseSyntheticFlags({})).toBeUndefined();
    expect(
      parseSyntheticFlags({
        lengths: '4k,8k',
        depths: '0,100',
        itemSeed: '7',
        itemsPerCell: '2',
        charsPerToken: '3.5',
      }),
    ).toEqual({ lengths: [4096, 8192], depths: [0, 100], seed: 7, samples: 2, charsPerToken: 3.5 });
    expect(parseThreshold({})).toBe(0.856);
    expect(parseThreshold({ threshold: '0.5' })).toBe(0.5);
    expect(() => parseThreshold({ threshold: '85' })).toThrow(/at most 1/);
  });

  it('takes lengths, depths and items per cell from the ids of a samples file', () => {
    expect(
      syntheticForSamples({ itemSeed: '3' }, ['vt/512/d25/0', 'niah_single/256/d75/2', 'vt/512/d75/1']),
    ).toEqual({
      lengths: [512, 256],
      depths: [25, 75],
      samples: 3,
      seed: 3,
    });
  });

  it('refuses lengths above the context window in one line, and the run when none fits', () => {
    const items = generateLongctxItems({
      synthetic: { lengths: [256, 512, 1024], depths: [50], samples: 1 },
    });
    const io = captureIo({ cwd: process.cwd() });
    const kept = itemsWithinContextWindow(io, contextWindowFlag({ contextWindow: '512' }), items);
    expect(kept.map((item) => item.id.split('/')[1])).toEqual([
      '256',
      '256',
      '256',
      '256',
      '512',
      '512',
      '512',
      '512',
    ]);
    expect(io.output.stderr).toBe(
      'longctx: lengths 1024 refused: above the context window of 512 tokens (--context-window)\n',
    );
    expect(() => itemsWithinContextWindow(io, contextWindowFlag({ contextWindow: '255' }), items)).toThrow(
      /every length is above/,
    );
  });

  it('parity eval refuses a run whose every length is above --context-window with one line and exit 2, before any request', async () => {
    const io = captureIo({ cwd: process.cwd() });
    const code = await main(
      [
        'eval',
        '--model',
        'openai:none',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--bench',
        'longctx',
        '--lengths',
        '8k',
        '--context-window',
        '4k',
      ],
      io,
    );
    expect(code).toBe(2);
    expect(io.output.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.output.stderr).toContain('--context-window');
  });
});
