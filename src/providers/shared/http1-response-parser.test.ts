import { describe, expect, it } from 'vitest';
import { ResponseHeaders } from './http1-response-headers.ts';
import { Http1ResponseParser, type ResponseParserEvents } from './http1-response-parser.ts';

/** What the parser reported for one response: its head, body and completion, or the error it threw. */
function parse(bytes: Buffer): string {
  const seen: string[] = [];
  const events: ResponseParserEvents = {
    head: (status, headers) => {
      const fields = headers.names.map((name, index) => `${name}=${JSON.stringify(headers.values[index])}`);
      seen.push(`head ${status} ${fields.join(' ')}`);
    },
    body: (piece) => seen.push(`body ${piece.toString('latin1')}`),
    complete: (reusable) => seen.push(`complete ${reusable}`),
  };
  const parser = new Http1ResponseParser(events);
  try {
    parser.push(bytes);
    if (parser.close()) seen.push('closed');
  } catch (error) {
    seen.push(`error ${(error as Error).message}`);
  }
  return seen.join('\n');
}

/**
 * What the parser reported before it read heads by hand (lines split, a regular expression for the status line,
 * `trim` for values, arrays of tokens) for `head`, then a body fitting the framing that reading found: the
 * reference the faster reading must match.
 */
function referenceParse(head: string): { bytes: Buffer; expected: string } {
  const lines = head.split('\r\n');
  const statusLine = lines[0] as string;
  const bytes = (body: string) => Buffer.from(`${head}\r\n\r\n${body}`, 'latin1');
  const match = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(statusLine);
  if (match === null) {
    return { bytes: bytes(''), expected: `error malformed status line "${statusLine.slice(0, 80)}"` };
  }
  const fields: string[] = [];
  let connection: string | null = null;
  let transferEncoding: string | null = null;
  let contentLength: string | null = null;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0)
      return { bytes: bytes(''), expected: `error malformed header line "${line.slice(0, 80)}"` };
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    fields.push(`${name}=${JSON.stringify(value)}`);
    const lower = name.toLowerCase();
    if (lower === 'connection') connection = connection === null ? value : `${connection}, ${value}`;
    else if (lower === 'transfer-encoding') {
      transferEncoding = transferEncoding === null ? value : `${transferEncoding}, ${value}`;
    } else if (lower === 'content-length') contentLength ??= value;
  }
  const hasToken = (list: string | null, token: string) =>
    list !== null &&
    list
      .toLowerCase()
      .split(',')
      .some((part) => part.trim() === token);
  const status = Number(match[2]);
  const headLine = `head ${status} ${fields.join(' ')}`;
  if (status === 101) return { bytes: bytes(''), expected: 'error unexpected 101 Switching Protocols' };
  // An interim response: nothing reported (the next head is awaited).
  if (status < 200) return { bytes: bytes(''), expected: '' };
  const keepAlive = match[1] === '1' ? !hasToken(connection, 'close') : hasToken(connection, 'keep-alive');
  if (status === 204 || status === 304)
    return { bytes: bytes(''), expected: `${headLine}\ncomplete ${keepAlive}` };
  if (transferEncoding !== null && hasToken(transferEncoding.split(',').pop() ?? '', 'chunked')) {
    return { bytes: bytes('1\r\nc\r\n0\r\n\r\n'), expected: `${headLine}\nbody c\ncomplete ${keepAlive}` };
  }
  if (transferEncoding === null && contentLength !== null) {
    if (!/^\d{1,15}$/.test(contentLength)) {
      return { bytes: bytes(''), expected: `error malformed content-length "${contentLength.slice(0, 40)}"` };
    }
    const length = Number(contentLength);
    const body = 'l'.repeat(length);
    return {
      bytes: bytes(body),
      expected:
        length === 0
          ? `${headLine}\ncomplete ${keepAlive}`
          : `${headLine}\nbody ${body}\ncomplete ${keepAlive}`,
    };
  }
  // Read until the connection ends: never reused.
  return { bytes: bytes('u'), expected: `${headLine}\nbody u\ncomplete false\nclosed` };
}

describe('Http1ResponseParser: the response head', () => {
  it('reads status lines, fields and framing as the split-and-regex reading did', () => {
    const statusLines = [
      'HTTP/1.1 200 OK',
      'HTTP/1.0 200 OK',
      'HTTP/1.1 200',
      'HTTP/1.1 404 Not Found',
      'HTTP/1.1 204 No Content',
      'HTTP/1.0 304 Not Modified',
      'HTTP/1.1 103 Early Hints',
      'HTTP/1.1 101 Switching Protocols',
      'HTTP/1.2 200 OK',
      'HTTP/1.1 20 OK',
      'HTTP/1.1 2000 OK',
      'HTTP/1.1 2x0 OK',
      'HTTP/1.1  200 OK',
      'HTTP/1.1 200\tOK',
      'http/1.1 200 OK',
      'HTTP/1.1',
      '',
      ` HTTP/1.1 200 OK${'x'.repeat(100)}`,
    ];
    const fieldSets = [
      [],
      ['Content-Type: text/event-stream', 'Transfer-Encoding: chunked'],
      ['transfer-encoding: gzip, chunked'],
      ['Transfer-Encoding: chunked, gzip'],
      ['Transfer-Encoding: gzip', 'TRANSFER-ENCODING:  Chunked '],
      ['Transfer-Encoding: chunked', 'Connection: close'],
      ['Connection: Keep-Alive', 'Content-Length: 1'],
      ['Connection: upgrade,  CLOSE ', 'Content-Length: 1'],
      ['Connection: closed', 'Content-Length: 1'],
      ['Content-Length: 1', 'content-length: 5'],
      ['Content-Length: 3'],
      ['Content-Length: +3'],
      ['Content-Length: 0'],
      ['X-Odd:\t\u00a0 spaced \u00a0\t', 'X-Empty:', 'X-Colon: a:b', 'Content-Length: 0'],
      ['X-Nel: \u0085value\u0085', 'Content-Length: 1'],
      ['No colon here'],
      [': leading colon'],
      ['X-Long: ' + 'y'.repeat(120)],
    ];
    let compared = 0;
    for (const statusLine of statusLines) {
      for (const fields of fieldSets) {
        const head = [statusLine, ...fields].join('\r\n');
        const { bytes, expected } = referenceParse(head);
        expect(parse(bytes), JSON.stringify(head)).toBe(expected);
        compared += 1;
      }
    }
    expect(compared).toBe(statusLines.length * fieldSets.length);
  });

  it('skips interim responses and refuses 101', () => {
    expect(parse(Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'))).toBe(
      'head 204 \ncomplete true',
    );
    expect(parse(Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n'))).toBe(
      'error unexpected 101 Switching Protocols',
    );
  });
});

describe('Http1ResponseParser: chunk-size lines', () => {
  const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';

  it('reads the same body whole or split at every byte, extensions and trailers included', () => {
    const body = '3;ext=1\r\nabc\r\n 1A \r\n' + 'z'.repeat(26) + '\r\n0\r\nX-Trailer: t\r\n\r\n';
    const whole = parse(Buffer.from(head + body));
    expect(whole).toBe(
      `head 200 Transfer-Encoding="chunked"\nbody abc\nbody ${'z'.repeat(26)}\ncomplete true`,
    );
    const bytes = Buffer.from(head + body);
    for (let split = 1; split < bytes.length; split += 1) {
      const seen: string[] = [];
      const parser = new Http1ResponseParser({
        head: () => seen.push('head'),
        body: (piece) => seen.push(piece.toString('latin1')),
        complete: (reusable) => seen.push(`complete ${reusable}`),
      });
      parser.push(bytes.subarray(0, split));
      parser.push(bytes.subarray(split));
      expect(seen.slice(1).join('').replace('complete true', ''), `split at ${split}`).toBe(
        `abc${'z'.repeat(26)}`,
      );
      expect(seen.at(-1)).toBe('complete true');
    }
  });

  it('refuses a chunk-size line longer than 16 KiB, whether or not its end arrived', () => {
    const long = '1' + ' '.repeat(16 * 1024);
    expect(parse(Buffer.from(`${head}${long}\r\nx\r\n`))).toMatch(
      /error chunk-size line longer than 16384 bytes$/,
    );
    expect(parse(Buffer.from(`${head}${long}`))).toMatch(/error chunk-size line longer than 16384 bytes$/);
    // At the limit it is read (blanks after the size are allowed).
    expect(parse(Buffer.from(`${head}${long.slice(0, -1)}\r\nx\r\n0\r\n\r\n`))).toMatch(
      /body x\ncomplete true$/,
    );
  });
});

describe('ResponseHeaders read from the head', () => {
  it('answers get, names, values and toHeaders as headers added one by one do', () => {
    const fields: [string, string][] = [
      ['Content-Type', 'text/event-stream'],
      ['content-type', 'text/plain'],
      ['Retry-After', ' 2 '],
      ['RETRY-AFTER', '5'],
      ['X-RateLimit-Remaining-Requests', '\t99'],
      ['x-ratelimit-remaining-requests', '98'],
      ['Cookie', 'a=1'],
      ['cookie', 'b=2'],
      ['X-\u00c4rger', '\u00a0latin1\u00a0'],
      ['X-Empty', ''],
    ];
    const head = ['HTTP/1.1 200 OK', ...fields.map(([name, value]) => `${name}:${value}`)].join('\r\n');
    let read: ResponseHeaders | undefined;
    const parser = new Http1ResponseParser({
      head: (_status, headers) => (read = headers),
      body: () => undefined,
      complete: () => undefined,
    });
    parser.push(Buffer.from(`${head}\r\ncontent-length: 0\r\n\r\n`, 'latin1'));
    const added = new ResponseHeaders();
    for (const [name, value] of [...fields, ['content-length', '0'] as [string, string]]) {
      added.add(name, value.trim());
    }
    const headers = read as ResponseHeaders;
    expect(headers.names).toEqual(added.names);
    expect(headers.values).toEqual(added.values);
    for (const name of [
      'content-type',
      'Content-Type',
      'retry-after',
      'x-ratelimit-remaining-requests',
      'x-ratelimit-limit-requests',
      'cookie',
      'x-\u00e4rger',
      'X-\u00c4RGER',
      'x-empty',
      'content-length',
      'missing',
      '',
    ]) {
      expect(headers.get(name), name).toBe(added.get(name));
    }
    expect(headers.get('cookie')).toBe('a=1; b=2');
    expect(headers.get('retry-after')).toBe('2');
    // Headers refuses the latin1 name either way, with the same error.
    const asFetchHeaders = (from: ResponseHeaders) => {
      try {
        return [...from.toHeaders()];
      } catch (error) {
        return String(error);
      }
    };
    expect(asFetchHeaders(headers)).toEqual(asFetchHeaders(added));
    expect(asFetchHeaders(headers)).toMatch(/invalid header name/);
  });
});
