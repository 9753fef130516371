import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../spec/language-model.ts';
import { partsFromEvents, type EventReading } from './parts-from-events.ts';
import { ExchangeRecorder, type StreamContext } from './streaming-model.ts';

async function collect(events: EventReading[], stop?: string[]): Promise<StreamPart[]> {
  let clock = 0;
  const context: StreamContext = {
    signal: undefined,
    elapsedMs: () => (clock += 1),
    exchange: new ExchangeRecorder(),
  };
  async function* source() {
    yield* events;
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

  it('cuts at a stop string split across events and reads nothing after it', async () => {
    const parts = await collect(
      [{ texts: ['one ST', 'OP two'] }, { texts: ['never read'], finishReason: 'cut' }],
      ['STOP'],
    );
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
    expect(text).toBe('one ');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('yields no finish part when the stream ends without a finish reason, and stops at the last event', async () => {
    expect((await collect([{ texts: ['x'] }])).map((part) => part.type)).toEqual(['text-delta']);
    const parts = await collect([{ texts: ['x'], finishReason: 'done', isLast: true }, { texts: ['y'] }]);
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'finish']);
  });
});
