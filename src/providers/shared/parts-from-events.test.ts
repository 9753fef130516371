import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../spec/language-model.ts';
import { partsFromEvents, type EventReading } from './parts-from-events.ts';
import { ExchangeRecorder, type StreamContext } from './streaming-model.ts';

async function collect(
  events: EventReading[],
  stop?: string[],
  options: { drainLimitMs?: number; gapMs?: number; read?: number[] } = {},
): Promise<StreamPart[]> {
  let clock = 0;
  const context: StreamContext = {
    signal: undefined,
    elapsedMs: () => (clock += 1),
    exchange: new ExchangeRecorder(),
  };
  async function* source() {
    for (const [index, event] of events.entries()) {
      if (index > 0 && options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
      options.read?.push(index);
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
  return parts;
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
