import type { StreamPart } from '../../spec/language-model.ts';

/**
 * Turns a callback-driven call (`start` reports text as it comes, then resolves) into an async stream of
 * parts: text deltas as they arrive, then the `finish` part built from the result, or one `error` part.
 */
export async function* streamFromCallbacks<TResult>(options: {
  now: () => number;
  start: (onText: (delta: string, atMs: number) => void) => Promise<TResult>;
  finish: (result: TResult) => StreamPart;
}): AsyncGenerator<StreamPart> {
  const startMs = options.now();
  const pending: StreamPart[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const push = (part: StreamPart) => {
    pending.push(part);
    wake?.();
  };
  options
    .start((delta, atMs) => {
      if (delta) push({ type: 'text-delta', text: delta, atMs });
    })
    .then(
      (result) => push(options.finish(result)),
      (error: unknown) =>
        push({
          type: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
          atMs: options.now() - startMs,
        }),
    )
    .finally(() => {
      done = true;
      wake?.();
    });
  for (;;) {
    const part = pending.shift();
    if (part) {
      yield part;
      if (part.type === 'finish' || part.type === 'error') return;
      continue;
    }
    if (done) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}
