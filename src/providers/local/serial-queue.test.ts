import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.ts';

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('SerialQueue', () => {
  it('runs tasks one at a time in order, also after a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        log.push(`start ${name}`);
        await sleep(5);
        log.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(task('a')),
      queue.run(task('b', true)),
      queue.run(task('c')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('drops a waiting task whose signal fires, without starting it', async () => {
    const queue = new SerialQueue();
    let started = false;
    const first = queue.run(() => sleep(30));
    const controller = new AbortController();
    const second = queue.run(
      async () => {
        started = true;
      },
      { signal: controller.signal },
    );
    controller.abort(new Error('gone'));
    await expect(second).rejects.toThrow('gone');
    await first;
    await sleep(5);
    expect(started).toBe(false);
  });
});
