import type { HeaderReader } from './retry-after.ts';

/**
 * Headers whose repeats node:http drops, keeping the first (lib/_http_incoming.js `matchKnownFields`): a
 * second `retry-after` or `content-type` is ignored, not joined.
 */
const firstOnly = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'authorization',
  'proxy-authorization',
  'if-modified-since',
  'if-unmodified-since',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
]);

/**
 * A response's header fields as received, read case-insensitively the way node:http's `headers` object
 * answers: repeated fields joined with ', ' (`cookie` with '; '), except those node keeps only once.
 */
export class ResponseHeaders implements HeaderReader {
  /** Field names as sent, and their values, in order. */
  readonly names: string[] = [];
  readonly values: string[] = [];
  /** The same names in lower case. */
  private readonly lowerNames: string[] = [];

  add(name: string, value: string, lowerName = name.toLowerCase()): void {
    this.names.push(name);
    this.lowerNames.push(lowerName);
    this.values.push(value);
  }

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let found: string | null = null;
    for (let index = 0; index < this.lowerNames.length; index += 1) {
      if (this.lowerNames[index] !== wanted) continue;
      const value = this.values[index] as string;
      if (found === null) found = value;
      else if (firstOnly.has(wanted)) break;
      else found += (wanted === 'cookie' ? '; ' : ', ') + value;
    }
    return found;
  }

  /** The fields as a fetch `Headers`, as the SDK's errors carry them. */
  toHeaders(): Headers {
    const headers = new Headers();
    for (let index = 0; index < this.names.length; index += 1) {
      headers.append(this.names[index] as string, this.values[index] as string);
    }
    return headers;
  }
}
