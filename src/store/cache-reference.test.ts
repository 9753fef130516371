import { describe, expect, it } from 'vitest';
import { cacheReference, parseCacheReference } from './cache-reference.ts';

describe('cache references', () => {
  it('names an item and reads back as the same item', () => {
    const text = cacheReference('20260301-100000-abcd', 'college_biology/"0"', 2);
    expect(text).toBe('@item ["20260301-100000-abcd","college_biology/\\"0\\"",2]');
    expect(parseCacheReference(text)).toEqual({
      runId: '20260301-100000-abcd',
      itemId: 'college_biology/"0"',
      sample: 2,
    });
  });

  it('is not a response, and a response or a damaged reference is not one', () => {
    expect(() => JSON.parse(cacheReference('r', 'i', 0))).toThrow(SyntaxError);
    expect(parseCacheReference('{"text":"@item [\\"r\\",\\"i\\",0]"}')).toBeUndefined();
    expect(parseCacheReference('@item ["r","i"')).toBeUndefined();
    expect(parseCacheReference('@item ["r","i"]')).toBeUndefined();
    expect(parseCacheReference('@item ["r",1,0]')).toBeUndefined();
    expect(parseCacheReference('@item [1,"i",0]')).toBeUndefined();
    expect(parseCacheReference('@item ["r","i","0"]')).toBeUndefined();
    expect(parseCacheReference('@item {"runId":"r"}')).toBeUndefined();
  });
});
