/**
 * A bounded pool of numbered slots: `run` waits for a free slot and passes its index (0 … size − 1) to the task.
 * The index lets each concurrent program run under its own uid, so that one program's fork bomb cannot use up
 * another's process limit.
 */
export class ExecutionSlots {
  readonly #free: number[];
  readonly #waiting: ((slot: number) => void)[] = [];

  constructor(size: number) {
    this.#free = Array.from({ length: size }, (_, index) => size - 1 - index);
  }

  async run<T>(task: (slot: number) => Promise<T>): Promise<T> {
    const slot = await this.#acquire();
    try {
      return await task(slot);
    } finally {
      this.#release(slot);
    }
  }

  #acquire(): Promise<number> {
    const slot = this.#free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(slot: number): void {
    const next = this.#waiting.shift();
    if (next) next(slot);
    else this.#free.push(slot);
  }
}
