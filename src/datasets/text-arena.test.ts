import { describe, expect, it } from 'vitest';
import { arenaText, TextArena } from './text-arena.ts';

describe('TextArena', () => {
  it('gives back every text it stored, across buffers and for texts longer than a buffer', () => {
    const arena = new TextArena(16);
    const texts = [
      '',
      'abc',
      'é’𝒳 ß',
      JSON.stringify('\ud800 lone'),
      'x'.repeat(40),
      'tail',
      '0123456789abcdef',
    ];
    const stored = texts.map((text) => arena.add(text));
    expect(stored.map(arenaText)).toEqual(texts);
    // Short texts share a buffer; a text longer than a buffer gets its own.
    expect(stored[1]?.slab).toBe(stored[2]?.slab);
    expect(stored[4]?.slab.length).toBe(40);
    expect(stored[4]?.slab).not.toBe(stored[3]?.slab);
  });

  it('keeps the bytes outside the JavaScript heap', () => {
    const stored = new TextArena().add('abc');
    expect(stored.slab.length).toBe(64 * 1024);
    expect(stored.end - stored.start).toBe(3);
  });
});
