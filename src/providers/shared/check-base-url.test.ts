import { describe, expect, it } from 'vitest';
import { InputError } from '../../spec/index.ts';
import { checkBaseUrl } from './check-base-url.ts';

describe('checkBaseUrl', () => {
  it('accepts http and https URLs, with or without a port', () => {
    expect(checkBaseUrl('http://127.0.0.1:8000/v1', { location: '--base-url' }).port).toBe('8000');
    expect(checkBaseUrl('https://api.openai.com/v1', { location: '--base-url' }).hostname).toBe(
      'api.openai.com',
    );
    expect(checkBaseUrl('http://[::1]:8080/v1', { location: '--base-url' }).port).toBe('8080');
    expect(checkBaseUrl('http://user:pw@host:9000', { location: '--base-url' }).port).toBe('9000');
  });

  it('refuses an empty port instead of silently using 80 or 443', () => {
    for (const url of [
      'http://127.0.0.1:/v1',
      'http://localhost:',
      'https://example.com:?x=1',
      'http://[::1]:/v1',
    ]) {
      expect(() => checkBaseUrl(url, { location: '--base-url' })).toThrow(InputError);
      expect(() => checkBaseUrl(url, { location: '--base-url' })).toThrow(
        /^--base-url: .* has an empty port/,
      );
    }
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => checkBaseUrl('localhost:8000', { location: '--base-url' })).toThrow(
      /not an http\(s\) URL|not a URL/,
    );
    expect(() => checkBaseUrl('not a url', { location: '--base-url' })).toThrow(
      /^--base-url: 'not a url' is not a URL/,
    );
    expect(() => checkBaseUrl('ftp://host/v1', { location: '--base-url' })).toThrow(/not an http\(s\) URL/);
  });
});
