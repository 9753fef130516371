import { describe, expect, it } from 'vitest';
import { ServerSentEventDecoder } from './server-sent-events.ts';

/** One event as decoded: its `event` field (null when none) and its data lines joined by '\n'. */
interface ServerSentEvent {
  readonly event: string | null;
  readonly data: string;
}

function decode(pieces: (string | Buffer)[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const decoder = new ServerSentEventDecoder((event, data) => events.push({ event, data }));
  for (const piece of pieces) decoder.push(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
  decoder.end();
  return events;
}

describe('ServerSentEventDecoder (the WHATWG rules as openai-node’s SSEDecoder applies them)', () => {
  it('takes data lines, the event field, skips comments and unknown fields, and joins data lines with \\n', () => {
    expect(
      decode([
        ': comment\n\nid: 3\nretry: 10\ndata: {"a":1}\n\nevent: thread.x\ndata:one\ndata:  two\ndata\n\n',
      ]),
    ).toEqual([
      { event: null, data: '{"a":1}' },
      { event: 'thread.x', data: 'one\n two\n' },
    ]);
  });

  it('ends lines at \\r\\n, \\n or \\r, also when a \\r\\n is split between two pieces', () => {
    expect(decode(['data: 1\r', '\n\r', '\ndata: 2\r\rdata: 3\n', '\n'])).toEqual([
      { event: null, data: '1' },
      { event: null, data: '2' },
      { event: null, data: '3' },
    ]);
  });

  it('keeps a line split across pieces, and a character whose bytes arrive apart', () => {
    const bytes = Buffer.from('data: {"t":"é€"}\n\n', 'utf8');
    expect(decode([bytes.subarray(0, 12), bytes.subarray(12, 14), bytes.subarray(14)])).toEqual([
      { event: null, data: '{"t":"é€"}' },
    ]);
  });

  it('dispatches a last event that has no blank line, and nothing for a blank line without fields', () => {
    expect(decode(['\n\n\ndata: last'])).toEqual([{ event: null, data: 'last' }]);
    expect(decode(['event: ping\n\n'])).toEqual([{ event: 'ping', data: '' }]);
    expect(decode([''])).toEqual([]);
  });

  it('reads a field name only up to its colon: "database: x" and "data" inside values are not data', () => {
    expect(decode(['database: x\nevents: y\ndata: a: b\n\n'])).toEqual([{ event: null, data: 'a: b' }]);
  });

  it('reads `data:` lines with an empty value, one space or none before it, and keeps a second space', () => {
    expect(decode(['data:\ndata: \ndata:x\ndata:  y\r\ndata', ':z\n\n'])).toEqual([
      { event: null, data: '\n\nx\n y\nz' },
    ]);
  });
});
