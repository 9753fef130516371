import { describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { runConcurrently } from './concurrency-pool.ts';

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('runConcurrently', () => {
  it('runs every element with at most `concurrency` tasks at once, pulling lazily', async () => {
    let pulled = 0;
    let running = 0;
    let mostRunning = 0;
    const pulledWhenStarted: number[] = [];
    async function* source(): AsyncGenerator<number> {
      for (let index = 0; index < 30; index += 1) {
        pulled += 1;
        yield index;
      }
    }
    const seen: number[] = [];
    await runConcurrently({
      source: source(),
      concurrency: 3,
      task: async (element) => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        pulledWhenStarted.push(pulled);
        await pause(1 + (element % 3));
        seen.push(element);
        running -= 1;
      },
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index));
    expect(mostRunning).toBe(3);
    // Never more than one element pulled ahead of the tasks started.
    pulledWhenStarted.forEach((count, index) => expect(count).toBeLessThanOrEqual(index + 1));
  });

  it('stops pulling when asked and closes the source', async () => {
    let closed = false;
    function* source(): Generator<number> {
      try {
        for (let index = 0; ; index += 1) yield index;
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    await runConcurrently({
      source: source(),
      concurrency: 2,
      shouldStop: () => seen.length >= 5,
      task: async (element) => {
        seen.push(element);
      },
    });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(6);
    expect(closed).toBe(true);
  });

  it('rethrows the first task failure after the running tasks settle, starting no more', async () => {
    const started: number[] = [];
    let settled = 0;
    const failure = new Error('task 2 failed');
    await expect(
      runConcurrently({
        source: [0, 1, 2, 3, 4, 5, 6, 7],
        concurrency: 2,
        task: async (element) => {
          started.push(element);
          await pause(element === 2 ? 0 : element === 0 ? 5 : 40);
          if (element === 2) throw failure;
          settled += 1;
        },
      }),
    ).rejects.toBe(failure);
    expect(started).toEqual([0, 1, 2]);
    expect(settled).toBe(2);
  });

  it('rejects with the error a synchronous source throws, once the running tasks have settled', async () => {
    const broken = new Error('row 3 is bad');
    function* source(): Generator<number> {
      yield 0;
      yield 1;
      yield 2;
      throw broken;
    }
    const started: number[] = [];
    const finished: number[] = [];
    await expect(
      runConcurrently({
        source: source(),
        concurrency: 2,
        task: async (element) => {
          started.push(element);
          await pause(element === 0 ? 20 : 1);
          finished.push(element);
        },
      }),
    ).rejects.toBe(broken);
    expect(started).toEqual([0, 1, 2]);
    expect(finished.sort()).toEqual([0, 1, 2]);
  });

  it('pulls a synchronous source one element per free slot, in order', async () => {
    let pulled = 0;
    const pulledWhenStarted: number[] = [];
    function* source(): Generator<number> {
      for (let index = 0; index < 20; index += 1) {
        pulled += 1;
        yield index;
      }
    }
    const started: number[] = [];
    await runConcurrently({
      source: source(),
      concurrency: 4,
      task: async (element) => {
        started.push(element);
        pulledWhenStarted.push(pulled);
        await pause(element % 2);
      },
    });
    expect(started).toEqual(Array.from({ length: 20 }, (_, index) => index));
    pulledWhenStarted.forEach((count, index) => expect(count).toBe(index + 1));
  });

  it('rejects a concurrency below 1', async () => {
    await expect(
      runConcurrently({ source: [], concurrency: 0, task: async () => undefined }),
    ).rejects.toThrow(InputError);
  });
});
