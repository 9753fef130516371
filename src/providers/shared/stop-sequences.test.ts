import { describe, expect, it } from 'vitest';
import { clientStopSequences, earliestStopIndex, splitStopSequences, StopScanner } from './stop-sequences.ts';

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
    expect(scanner.push('more')).toEqual({ delta: '', stopped: true });
  });

  it('releases held-back text that turned out not to be a stop string, and flushes the rest', () => {
    const scanner = new StopScanner(['Q:']);
    expect(scanner.push('is Q')).toEqual({ delta: 'is ', stopped: false });
    expect(scanner.push('uite')).toEqual({ delta: 'Quite', stopped: false });
    expect(scanner.push(' Q')).toEqual({ delta: ' ', stopped: false });
    expect(scanner.flush()).toBe('Q');
  });
});

/** The scanner as it was before it kept only the held-back text: the whole text searched from the emitted end. */
function referenceScan(stop: string[], chunks: string[]): string[] {
  let text = '';
  let emitted = 0;
  let stopped = false;
  const take = (end: number) => {
    if (end <= emitted) return '';
    const delta = text.slice(emitted, end);
    emitted = end;
    return delta;
  };
  const out: string[] = [];
  for (const chunk of chunks) {
    if (stopped) {
      out.push('');
      continue;
    }
    text += chunk;
    const position = earliestStopIndex(text, stop, emitted);
    if (position !== -1) {
      stopped = true;
      text = text.slice(0, position);
      out.push(take(text.length));
      continue;
    }
    let held = 0;
    for (const marker of stop) {
      for (let length = Math.min(marker.length - 1, text.length); length > held; length--) {
        if (text.endsWith(marker.slice(0, length))) {
          held = length;
          break;
        }
      }
    }
    out.push(take(text.length - held));
  }
  out.push(`flush:${take(text.length)}`);
  return out;
}

describe('StopScanner against the whole-text scan it replaced', () => {
  it('emits the same deltas, stops at the same place and flushes the same rest', () => {
    const stops = [[], ['.'], ['Q:'], ['<|im_end|>', '\n\n'], ['aab', 'ab'], ['abab'], ['xyz', 'y']];
    const alphabet = ['a', 'b', '.', 'Q', ':', '<|im', '_end|>', '\n', 'x', 'y', 'z', 'aa', 'ba'];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (let round = 0; round < 3000; round += 1) {
      const stop = stops[round % stops.length] as string[];
      const chunks = Array.from({ length: 1 + random(6) }, () =>
        Array.from({ length: random(4) }, () => alphabet[random(alphabet.length)]).join(''),
      );
      const scanner = new StopScanner(stop);
      const deltas = chunks.map((chunk) => scanner.push(chunk).delta);
      deltas.push(`flush:${scanner.flush()}`);
      expect(deltas, JSON.stringify({ stop, chunks })).toEqual(referenceScan(stop, chunks));
    }
  });
});

describe('clientStopSequences', () => {
  it('gives what splitStopSequences applies on our side, the request’s array itself when it can', () => {
    const plain = ['.', 'Q:'];
    expect(clientStopSequences(plain)).toBe(plain);
    for (const stop of [undefined, [], ['', 'a', ''], plain]) {
      expect(clientStopSequences(stop)).toEqual(splitStopSequences(stop, { serverLimit: 0 }).client);
    }
  });
});
