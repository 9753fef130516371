import { InputError } from '../spec/index.ts';

export interface RunConcurrentlyOptions<T> {
  /** Elements are pulled one at a time as slots free up; the source is never copied into an array. */
  readonly source: Iterable<T> | AsyncIterable<T>;
  /** Most tasks running at once; an integer ≥ 1. */
  readonly concurrency: number;
  /** Asked before each pull; once it returns true no new task starts (running ones finish). */
  readonly shouldStop?: () => boolean;
  readonly task: (element: T) => Promise<void>;
}

/** Workers yield to the event loop after this many tasks, so a run of synchronous tasks (cache hits) cannot starve timers and signals. */
const tasksBetweenYields = 64;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type Pulled<T> =
  | { readonly sync: true; readonly iterator: Iterator<T> }
  | { readonly sync: false; readonly iterator: AsyncIterator<T> };

function iteratorOf<T>(source: Iterable<T> | AsyncIterable<T>): Pulled<T> {
  if (Symbol.asyncIterator in source) return { sync: false, iterator: source[Symbol.asyncIterator]() };
  return { sync: true, iterator: source[Symbol.iterator]() };
}

const finished = { done: true, value: undefined } as const;

/**
 * Runs `task` on every element of `source` with at most `concurrency` tasks in flight, in source order of
 * start. Resolves when the source is exhausted (or `shouldStop` said so) and every started task has settled.
 * When a task rejects, no new task starts and the first rejection is rethrown once the others have settled.
 * The source iterator is closed (`return()`) when the pool stops before its end.
 */
export async function runConcurrently<T>(options: RunConcurrentlyOptions<T>): Promise<void> {
  const { concurrency, task } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InputError(`must be an integer ≥ 1, got ${concurrency}`, { location: 'concurrency' });
  }
  const shouldStop = options.shouldStop ?? (() => false);
  const source = iteratorOf(options.source);
  const { iterator } = source;
  let exhausted = false;
  let failure: { error: unknown } | undefined;
  // Pulls from an async source are chained so two workers never call next() at once (async generators would
  // queue them anyway, hand-written async iterators might not).
  let pullChain: Promise<unknown> = Promise.resolve();

  function pull(): Promise<IteratorResult<T>> {
    const result = pullChain.then(async () => {
      if (exhausted || failure || shouldStop()) return finished;
      const next = await iterator.next();
      if (next.done) exhausted = true;
      return next;
    });
    pullChain = result.catch(() => undefined);
    return result;
  }

  // A synchronous source (a plan built as it is pulled) is pulled at once: one call cannot overlap another.
  function pullNow(from: Iterator<T>): IteratorResult<T> {
    if (exhausted || failure || shouldStop()) return finished;
    const next = from.next();
    if (next.done) exhausted = true;
    return next;
  }

  async function worker(): Promise<void> {
    let sinceYield = 0;
    for (;;) {
      const next = source.sync ? pullNow(source.iterator) : await pull();
      if (next.done) return;
      try {
        await task(next.value);
      } catch (error) {
        failure ??= { error };
        return;
      }
      sinceYield += 1;
      if (sinceYield >= tasksBetweenYields) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }

  try {
    const workers = Array.from({ length: concurrency }, () => worker());
    const settled = await Promise.allSettled(workers);
    for (const result of settled) {
      // A pull that threw (the source itself failed) rejects its worker.
      if (result.status === 'rejected') failure ??= { error: result.reason };
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
  if (failure) throw failure.error;
}
