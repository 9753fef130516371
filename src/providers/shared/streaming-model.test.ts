import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, StreamPart } from '../../spec/index.ts';
import { partsFromEvents, type EventReading } from './parts-from-events.ts';
import { ExchangeRecorder, streamingModel, type StreamContext } from './streaming-model.ts';

const request: GenerateRequest = { messages: [{ role: 'user', content: 'Q' }], parameters: {} };

/** Events in batches, the next batch `gapMs` after the last (the stream ignores the deadline, as a slow server). */
async function* batches(events: EventReading[][], gapMs: number): AsyncGenerator<EventReading> {
  for (const [index, batch] of events.entries()) {
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    yield* batch;
  }
}

/**
 * A provider over `events`: parts from partsFromEvents (as every provider's streamParts ends), after the parts
 * in `before` that streamParts yields itself (as a schema refusal is). The clock ticks once per reading.
 */
function model(
  events: EventReading[][],
  options: { before?: StreamPart[]; gapMs?: number; stop?: string[] } = {},
) {
  let clock = 0;
  return streamingModel({
    identity: { provider: 'test', endpoint: 'http://127.0.0.1:1', modelId: 'm' },
    now: () => (clock += 1),
    target: 'http://127.0.0.1:1',
    async *streamParts(_request, context: StreamContext): AsyncGenerator<StreamPart> {
      for (const part of options.before ?? []) yield part;
      yield* partsFromEvents({
        events: batches(events, options.gapMs ?? 1),
        context,
        stop: options.stop,
        read: (event) => event,
        finishReasons: { done: 'stop', cut: 'length' },
        stopSequenceReason: 'done',
        prefillApplied: false,
        rateLimit: { remainingRequests: 3 },
      });
    },
    toProviderError: (error) => (error instanceof Error ? error : new Error(String(error))),
  });
}

/** `generate`'s result as it was built from the stream of parts before it took them from a sink. */
function resultOfParts(parts: StreamPart[], raw: unknown): GenerateResult | undefined {
  let text = '';
  const chunks: { atMs: number; characters: number }[] = [];
  let reasoningCharacters = 0;
  let reasoningTtftMs: number | undefined;
  for (const part of parts) {
    if (part.type === 'reasoning-delta') {
      reasoningTtftMs ??= part.atMs;
      reasoningCharacters += part.text.length;
    } else if (part.type === 'text-delta') {
      text += part.text;
      chunks.push({ atMs: part.atMs, characters: part.text.length });
    } else if (part.type === 'finish') {
      return {
        text,
        finishReason: part.finishReason,
        usage: part.usage,
        timing: {
          ...(chunks[0] === undefined ? {} : { ttftMs: chunks[0].atMs }),
          ...(reasoningTtftMs === undefined ? {} : { reasoningTtftMs }),
          totalMs: part.atMs,
        },
        prefillApplied: part.prefillApplied,
        chunks,
        raw: raw as GenerateResult['raw'],
        ...(part.rateLimit === undefined ? {} : { rateLimit: part.rateLimit }),
        ...(reasoningCharacters === 0 ? {} : { reasoningCharacters }),
        ...(part.responseId === undefined ? {} : { responseId: part.responseId }),
      };
    }
  }
  return undefined;
}

async function streamed(built: ReturnType<typeof model>, timeoutMs?: number): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of built.stream(request, timeoutMs === undefined ? {} : { timeoutMs }))
    parts.push(part);
  return parts;
}

describe('streamingModel generate', () => {
  const events: EventReading[][] = [
    [{ responseId: 'r', reasoningTexts: ['think'] }, { texts: ['An', ''] }],
    [{ texts: ['swer. More'], finishReason: 'done' }, { usage: { inputTokens: 2, outputTokens: 5 } }],
  ];

  it('gives the result the stream of parts gives: text, timings, usage, finish, raw events', async () => {
    for (const stop of [undefined, ['.']]) {
      const parts = await streamed(model(events, { stop }));
      const result = await model(events, { stop }).generate(request, {});
      const raw = { request: undefined, response: { events: events.flat() } };
      expect(result).toEqual(resultOfParts(parts, raw));
      expect(Object.keys(result)).toEqual(Object.keys(resultOfParts(parts, raw) ?? {}));
    }
  });

  it('takes the parts streamParts yields itself, before those of partsFromEvents', async () => {
    const before: StreamPart[] = [{ type: 'text-delta', text: 'pre ', atMs: 0 }];
    const result = await model(events, { before }).generate(request, {});
    expect(result.text).toBe('pre Answer. More');
    expect(result.chunks?.[0]).toEqual({ atMs: 0, characters: 4 });
    const finished: StreamPart[] = [
      { type: 'finish', finishReason: 'error', usage: {}, atMs: 0, prefillApplied: false },
    ];
    expect((await model(events, { before: finished }).generate(request, {})).finishReason).toBe('error');
  });

  it('fails with the timeout once the deadline fired, taking no more text; a drained finish still counts', async () => {
    const slow = model(events, { gapMs: 200 });
    await expect(slow.generate(request, { timeoutMs: 50 })).rejects.toThrow(
      'request timed out after 50 ms (http://127.0.0.1:1)',
    );
    const parts = await streamed(model(events, { gapMs: 200 }), 50);
    expect(parts.map((part) => part.type)).toEqual(['reasoning-delta', 'text-delta', 'error']);
    // Cut at the stop string in the first batch: the finish that comes after the deadline completes the answer.
    const cut: EventReading[][] = [
      [{ texts: ['A. rest'] }],
      [{ usage: { outputTokens: 1 }, finishReason: 'done' }],
    ];
    const result = await model(cut, { gapMs: 200, stop: ['.'] }).generate(request, { timeoutMs: 50 });
    expect(result).toMatchObject({ text: 'A', finishReason: 'stop', usage: { outputTokens: 1 } });
  });

  it('fails as cut off, retryable, when the stream ends without a finish', async () => {
    const error = await model([[{ texts: ['half'] }]])
      .generate(request, {})
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      'test: the response stream from http://127.0.0.1:1 ended before it was complete (cut off part-way)',
    );
    expect(error).toMatchObject({ isRetryable: true });
  });
});

describe('ExchangeRecorder', () => {
  it('keeps every event of a short stream, else the first and last four with the number left out', () => {
    for (let count = 0; count <= 13; count += 1) {
      const recorder = new ExchangeRecorder();
      recorder.request = { body: 1 };
      for (let event = 0; event < count; event += 1) recorder.events.push({ event });
      const all = Array.from({ length: count }, (_, event) => ({ event }));
      const expected =
        count <= 8 ? all : [...all.slice(0, 4), { omitted_events: count - 8 }, ...all.slice(count - 4)];
      expect(recorder.toRaw(), String(count)).toEqual({
        request: { body: 1 },
        response: { events: expected },
      });
    }
    const answered = new ExchangeRecorder();
    answered.response = { text: 'whole body' };
    expect(answered.toRaw()).toEqual({ request: undefined, response: { text: 'whole body' } });
  });
});
