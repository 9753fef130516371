/** What `takeReady` returns when no event has arrived that was not taken yet: await `next()` for the next. */
export const noReadyEvent: unique symbol = Symbol('no ready event');
/** What `takeReady` returns once the stream ended cleanly and every event was taken. */
export const endOfEvents: unique symbol = Symbol('end of events');

/**
 * An async event stream that can also hand over the events that already arrived without a promise each
 * (openai-lean-stream.ts queues all the events of one socket read). A reader takes ready events until there is
 * none, then awaits `next()` as usual (which also delivers an error the stream ended with).
 */
export interface ReadyEvents<TEvent> extends AsyncIterator<TEvent> {
  takeReady(): TEvent | typeof noReadyEvent | typeof endOfEvents;
}

/** The stream as ReadyEvents when it is one. */
export function asReadyEvents<TEvent>(iterator: AsyncIterator<TEvent>): ReadyEvents<TEvent> | undefined {
  return typeof (iterator as Partial<ReadyEvents<TEvent>>).takeReady === 'function'
    ? (iterator as ReadyEvents<TEvent>)
    : undefined;
}
