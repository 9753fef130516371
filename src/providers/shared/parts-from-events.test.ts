import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../spec/language-model.ts';
import { partsFromEvents, type EventReading } from './parts-from-events.ts';
import { endOfEvents, noReadyEvent, type ReadyEvents } from './ready-events.ts';
import { ExchangeRecorder, type StreamContext } from './streaming-model.ts';

/**
 * The parts of partsFromEvents over `events`, yielded (as `stream` reads them) and, in a second run, handed to
 * a sink (as `generate` takes them): both must give the same parts, the same times and read the same events.
 */
async function collect(
  events: EventReading[],
  stop?: string[],
  options: { drainLimitMs?: number; gapMs?: number; read?: number[] } = {},
): Promise<StreamPart[]> {
  async function run(mode: 'yield' | 'sink', read: number[]): Promise<StreamPart[]> {
    let clock = 0;
    const taken: StreamPart[] = [];
    const context: StreamContext = {
      signal: undefined,
      elapsedMs: () => (clock += 1),
      exchange: new ExchangeRecorder(),
      sink: mode === 'sink' ? { take: (part) => taken.push(part) > 0 } : undefined,
    };
    async function* source() {
      for (const [index, event] of events.entries()) {
        if (index > 0 && options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
        read.push(index);
        yield event;
      }
    }
    const parts: StreamPart[] = [];
    for await (const part of partsFromEvents({
      events: source(),
      context,
      stop,
      read: (event) => event,
      finishReasons: { done: 'stop', cut: 'length' },
      stopSequenceReason: 'done',
      prefillApplied: false,
      ...(options.drainLimitMs === undefined ? {} : { drainLimitMs: options.drainLimitMs }),
    })) {
      parts.push(part);
    }
    if (mode === 'sink') expect(parts).toEqual([]);
    return mode === 'sink' ? taken : parts;
  }
  const yieldedRead: number[] = [];
  const yielded = await run('yield', yieldedRead);
  const sinkRead: number[] = [];
  expect(await run('sink', sinkRead)).toEqual(yielded);
  expect(sinkRead).toEqual(yieldedRead);
  options.read?.push(...yieldedRead);
  return yielded;
}

describe('partsFromEvents', () => {
  it('keeps the first response id, merges usage fields and maps the finish reason', async () => {
    const parts = await collect([
      { responseId: 'a', usage: { inputTokens: 3 }, texts: ['he', ''] },
      { responseId: 'b', usage: { outputTokens: 2 }, texts: ['llo'], finishReason: 'cut' },
    ]);
    expect(parts.map((part) => (part.type === 'text-delta' ? part.text : part.type))).toEqual([
      'he',
      'llo',
      'finish',
    ]);
    expect(parts.at(-1)).toMatchObject({
      finishReason: 'length',
      usage: { inputTokens: 3, outputTokens: 2 },
      responseId: 'a',
    });
  });

  it('cuts at a stop string split across events, then reads the rest without its text for the usage', async () => {
    const parts = await collect(
      [
        { texts: ['one ST', 'OP two'], usage: { inputTokens: 0, outputTokens: 0 } },
        { texts: ['discarded'], finishReason: 'cut' },
        { usage: { inputTokens: 7, outputTokens: 40 } },
      ],
      ['STOP'],
    );
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
    expect(text).toBe('one ');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 7, outputTokens: 40 },
    });
  });

  it('stops waiting for the rest of the stream after drainLimitMs, keeping the time the stop was seen', async () => {
    const read: number[] = [];
    const parts = await collect(
      [{ texts: ['a STOP'] }, { texts: ['b'] }, { usage: { outputTokens: 9 }, finishReason: 'cut' }],
      ['STOP'],
      { drainLimitMs: 30, gapMs: 400, read },
    );
    expect(read).toEqual([0]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', usage: {}, atMs: 2 });
    const dropped = await collect(
      [{ texts: ['a STOP'] }, { usage: { outputTokens: 9 }, finishReason: 'cut' }],
      ['STOP'],
      {
        drainLimitMs: 0,
      },
    );
    expect(dropped.at(-1)).toMatchObject({ type: 'finish', usage: {} });
  });

  it('passes reasoning text on as reasoning-delta parts, never into the answer or the stop scan', async () => {
    const parts = await collect(
      [
        { reasoningTexts: ['Think. Then', ''] },
        { reasoningTexts: [' answer.'], texts: ['B'] },
        { texts: ['. More'], finishReason: 'done' },
      ],
      ['.'],
    );
    expect(parts.map((part) => ('text' in part ? `${part.type}:${part.text}` : part.type))).toEqual([
      'reasoning-delta:Think. Then',
      'reasoning-delta: answer.',
      'text-delta:B',
      'finish',
    ]);
  });

  it('yields no finish part when the stream ends without a finish reason, and stops at the last event', async () => {
    expect((await collect([{ texts: ['x'] }])).map((part) => part.type)).toEqual(['text-delta']);
    const parts = await collect([{ texts: ['x'], finishReason: 'done', isLast: true }, { texts: ['y'] }]);
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'finish']);
  });
});

/**
 * A stream whose events come in batches (as the events of one socket read): `takeReady` hands over the rest of
 * a batch without a promise; the next batch is awaited after `gapMs`.
 */
function readySource(batches: EventReading[][], gapMs: number) {
  const queue: EventReading[] = [];
  let batch = 0;
  let returned = 0;
  const iterator: ReadyEvents<EventReading> & AsyncIterable<EventReading> = {
    takeReady: () => {
      if (queue.length > 0) return queue.shift() as EventReading;
      return batch >= batches.length ? endOfEvents : noReadyEvent;
    },
    next: async () => {
      if (queue.length === 0) {
        if (batch >= batches.length) return { done: true, value: undefined };
        if (batch > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
        queue.push(...(batches[batch] ?? []));
        batch += 1;
      }
      return { done: false, value: queue.shift() as EventReading };
    },
    return: async () => {
      returned += 1;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return { iterator, returned: () => returned, batchesRead: () => batch };
}

async function collectFrom(
  events: AsyncIterable<EventReading>,
  options: { stop?: string[]; drainLimitMs?: number; sink?: (part: StreamPart) => boolean } = {},
): Promise<StreamPart[]> {
  let clock = 0;
  const parts: StreamPart[] = [];
  const sink = options.sink;
  for await (const part of partsFromEvents({
    events,
    context: {
      signal: undefined,
      elapsedMs: () => (clock += 1),
      exchange: new ExchangeRecorder(),
      sink: sink === undefined ? undefined : { take: (taken) => (parts.push(taken), sink(taken)) },
    },
    stop: options.stop,
    read: (event) => event,
    finishReasons: { done: 'stop', cut: 'length' },
    stopSequenceReason: 'done',
    prefillApplied: false,
    ...(options.drainLimitMs === undefined ? {} : { drainLimitMs: options.drainLimitMs }),
  })) {
    if (sink !== undefined) throw new Error('a part was yielded although a sink takes them');
    parts.push(part);
  }
  return parts;
}

describe('partsFromEvents over a stream that hands over ready events', () => {
  it('gives the same parts as one event at a time, and drains ready events for the usage without waiting', async () => {
    const source = readySource(
      [
        [{ responseId: 'r', texts: ['one '] }, { texts: ['two ST'] }, { texts: ['OP three'] }],
        [{ texts: ['four'], finishReason: 'cut' }, { usage: { outputTokens: 5 } }],
      ],
      1,
    );
    const parts = await collectFrom(source.iterator, { stop: ['STOP'] });
    expect(parts.map((part) => (part.type === 'text-delta' ? part.text : part.type))).toEqual([
      'one ',
      'two ',
      'finish',
    ]);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'stop', usage: { outputTokens: 5 }, responseId: 'r' });
    expect(source.batchesRead()).toBe(2);
  });

  it('times a drain from its first wait: ready events are read, a late batch is given up and the stream closed', async () => {
    const source = readySource(
      [
        [{ texts: ['a STOP'] }, { usage: { inputTokens: 4 } }],
        [{ usage: { outputTokens: 9 }, finishReason: 'cut' }],
      ],
      300,
    );
    const started = performance.now();
    const parts = await collectFrom(source.iterator, { stop: ['STOP'], drainLimitMs: 20 });
    expect(performance.now() - started).toBeLessThan(250);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 4 } });
    expect(source.returned()).toBe(1);
  });

  it('ends at the end of the events without awaiting the stream again', async () => {
    const source = readySource([[{ texts: ['x'] }, { texts: ['y'], finishReason: 'done' }]], 1);
    const parts = await collectFrom(source.iterator);
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'text-delta', 'finish']);
    expect(source.returned()).toBe(0);
  });
});

describe('partsFromEvents handing its parts to a sink (generate)', () => {
  it('gives the parts it would yield, reading ready events without a promise each', async () => {
    const batches = [
      [{ responseId: 'r', texts: ['one '] }, { texts: ['two ST'] }, { texts: ['OP three'] }],
      [{ texts: ['four'], finishReason: 'cut' }, { usage: { outputTokens: 5 } }],
    ];
    const yielded = await collectFrom(readySource(batches, 1).iterator, { stop: ['STOP'] });
    const source = readySource(batches, 1);
    expect(await collectFrom(source.iterator, { stop: ['STOP'], sink: () => true })).toEqual(yielded);
    expect(source.batchesRead()).toBe(2);
  });

  it('stops reading at once when the sink wants no more: no further event, no finish', async () => {
    const source = readySource(
      [[{ texts: ['a'] }, { texts: ['b'] }], [{ texts: ['c'], finishReason: 'done' }]],
      1,
    );
    const parts = await collectFrom(source.iterator, {
      sink: (part) => part.type === 'text-delta' && part.text !== 'b',
    });
    expect(parts.map((part) => (part.type === 'text-delta' ? part.text : part.type))).toEqual(['a', 'b']);
    expect(source.batchesRead()).toBe(1);
    expect(source.returned()).toBe(0);
  });
});
