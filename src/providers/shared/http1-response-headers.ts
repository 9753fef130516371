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

/** What String.prototype.trim removes, among the characters a latin1-decoded head can hold. */
function isTrimmed(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || code === 160;
}

/** `text.slice(start, end).trim()` for latin1 text, with one string made, not two. */
export function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isTrimmed(text.charCodeAt(start))) start += 1;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/** Whether `text` from `start` is `lower` once lower-cased (String.prototype.toLowerCase on latin1 text). */
export function isLowerCased(text: string, start: number, lower: string): boolean {
  for (let index = 0; index < lower.length; index += 1) {
    let code = text.charCodeAt(start + index);
    if ((code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7)) code += 32;
    if (code !== lower.charCodeAt(index)) return false;
  }
  return true;
}

/**
 * A response's header fields as received, read case-insensitively the way node:http's `headers` object
 * answers: repeated fields joined with ', ' (`cookie` with '; '), except those node keeps only once. Fields
 * parsed from a head (`fromHead`) stay in its text until asked for: a response whose headers are looked up a
 * few times makes a string only for the fields found (most lookups, the rate-limit ones, find none).
 */
export class ResponseHeaders implements HeaderReader {
  /** The head the fields are read from (latin1), and each field's line start, colon and line end in it. */
  private head = '';
  private spans: readonly number[] = [];
  /** Fields added one by one (node:https): names as sent, in lower case, and values. */
  private addedNames: string[] | undefined;
  private addedLowerNames: string[] | undefined;
  private addedValues: string[] | undefined;

  /** The fields of `head`, each line from `spans[3i]` with its colon at `spans[3i + 1]`, ending at `spans[3i + 2]`. */
  static fromHead(head: string, spans: readonly number[]): ResponseHeaders {
    const headers = new ResponseHeaders();
    headers.head = head;
    headers.spans = spans;
    return headers;
  }

  add(name: string, value: string, lowerName = name.toLowerCase()): void {
    (this.addedNames ??= []).push(name);
    (this.addedLowerNames ??= []).push(lowerName);
    (this.addedValues ??= []).push(value);
  }

  /** Field names as sent, in order. */
  get names(): string[] {
    const names: string[] = [];
    for (let index = 0; index < this.spans.length; index += 3) {
      names.push(this.head.slice(this.spans[index], this.spans[index + 1]));
    }
    return names.concat(this.addedNames ?? []);
  }

  /** Field values (blanks around them removed), in the order of `names`. */
  get values(): string[] {
    const values: string[] = [];
    for (let index = 0; index < this.spans.length; index += 3) {
      values.push(this.valueAt(index));
    }
    return values.concat(this.addedValues ?? []);
  }

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let found: string | null = null;
    const spans = this.spans;
    for (let index = 0; index < spans.length; index += 3) {
      const start = spans[index] as number;
      if ((spans[index + 1] as number) - start !== wanted.length || !isLowerCased(this.head, start, wanted)) {
        continue;
      }
      const value = this.valueAt(index);
      if (found === null) found = value;
      else if (firstOnly.has(wanted)) return found;
      else found += (wanted === 'cookie' ? '; ' : ', ') + value;
    }
    const lowerNames = this.addedLowerNames;
    if (lowerNames === undefined) return found;
    for (let index = 0; index < lowerNames.length; index += 1) {
      if (lowerNames[index] !== wanted) continue;
      const value = (this.addedValues as string[])[index] as string;
      if (found === null) found = value;
      else if (firstOnly.has(wanted)) break;
      else found += (wanted === 'cookie' ? '; ' : ', ') + value;
    }
    return found;
  }

  /** The fields as a fetch `Headers`, as the SDK's errors carry them. */
  toHeaders(): Headers {
    const headers = new Headers();
    const names = this.names;
    const values = this.values;
    for (let index = 0; index < names.length; index += 1) {
      headers.append(names[index] as string, values[index] as string);
    }
    return headers;
  }

  private valueAt(span: number): string {
    return trimmedSlice(this.head, (this.spans[span + 1] as number) + 1, this.spans[span + 2] as number);
  }
}
