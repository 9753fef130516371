import { createServer, type Server } from 'node:net';

export interface SandboxUidPoolOptions {
  /** First uid tried (default 64000). */
  readonly base: number;
  /** How many uids from `base` on may be used (default 1000). */
  readonly span?: number;
}

/** Holds an abstract Unix socket name: only one process can listen on it, and the kernel frees it when the process dies. */
function claim(name: string): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(`\0${name}`, () => {
      server.unref();
      resolve(server);
    });
  });
}

/**
 * The uids that programs run as when parity is root: one per execution slot, and never one that another parity
 * process on the machine uses at the same time (RLIMIT_NPROC counts every process of a uid, so a fork bomb in one
 * process's sample would otherwise break another process's samples). A uid is leased by listening on the abstract
 * Unix socket `parity-sandbox-uid-<uid>`, which the kernel releases when the process ends, however it ends —
 * no lock file can go stale. Leases are taken on first use of a slot and held until `close`.
 */
export class SandboxUidPool {
  readonly #base: number;
  readonly #span: number;
  readonly #leases = new Map<number, { uid: number; server: Server }>();
  readonly #pending = new Map<number, Promise<number>>();
  #next = 0;

  constructor(options: SandboxUidPoolOptions) {
    this.#base = options.base;
    this.#span = options.span ?? 1000;
  }

  /** The uid of execution slot `slot`, leased on first use. Rejects when every uid of the range is taken. */
  uidFor(slot: number): Promise<number> {
    const lease = this.#leases.get(slot);
    if (lease) return Promise.resolve(lease.uid);
    const pending = this.#pending.get(slot) ?? this.#lease(slot);
    this.#pending.set(slot, pending);
    return pending;
  }

  /** The uids leased so far, by slot. */
  leased(): number[] {
    return [...this.#leases.entries()].sort(([a], [b]) => a - b).map(([, lease]) => lease.uid);
  }

  /** Releases every lease (they are released anyway when the process ends). */
  close(): void {
    for (const { server } of this.#leases.values()) server.close();
    this.#leases.clear();
  }

  async #lease(slot: number): Promise<number> {
    try {
      while (this.#next < this.#span) {
        const uid = this.#base + this.#next++;
        const server = await claim(`parity-sandbox-uid-${uid}`);
        if (server) {
          this.#leases.set(slot, { uid, server });
          return uid;
        }
      }
      throw new Error(
        `no free sandbox uid in ${this.#base}–${this.#base + this.#span - 1}: other parity processes use them all`,
      );
    } finally {
      this.#pending.delete(slot);
    }
  }
}
