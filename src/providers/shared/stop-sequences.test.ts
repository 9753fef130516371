import { describe, expect, it } from 'vitest';
import { earliestStopIndex, splitStopSequences, StopScanner } from './stop-sequences.ts';

describe('splitStopSequences', () => {
  it('sends the first N to the server and applies every non-empty one client-side', () => {
    expect(splitStopSequences(['a', '', 'b', 'c', 'd', 'e'], { serverLimit: 4 })).toEqual({
      server: ['a', 'b', 'c', 'd'],
      client: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(splitStopSequences(undefined, { serverLimit: 4 })).toEqual({ server: undefined, client: [] });
  });

  it('finds the earliest stop string', () => {
    expect(earliestStopIndex('xx Q: yy </s>', ['</s>', 'Q:'])).toBe(3);
    expect(earliestStopIndex('none', ['Q:'])).toBe(-1);
  });
});

describe('StopScanner', () => {
  it('holds back a possible stop prefix and never emits part of a stop string', () => {
    const scanner = new StopScanner(['<|im_end|>']);
    expect(scanner.push('answer <|im')).toEqual({ delta: 'answer ', stopped: false });
    expect(scanner.push('_end|> tail')).toEqual({ delta: '', stopped: true });
    expect(scanner.value).toBe('answer ');
    expect(scanner.push('more')).toEqual({ delta: '', stopped: true });
  });

  it('releases held-back text that turned out not to be a stop string, and flushes the rest', () => {
    const scanner = new StopScanner(['Q:']);
    expect(scanner.push('is Q')).toEqual({ delta: 'is ', stopped: false });
    expect(scanner.push('uite')).toEqual({ delta: 'Quite', stopped: false });
    expect(scanner.push(' Q')).toEqual({ delta: ' ', stopped: false });
    expect(scanner.flush()).toBe('Q');
    expect(scanner.value).toBe('is Quite Q');
  });
});
