import { setFlagsFromString } from 'node:v8';

/**
 * Sets again the V8 flags bin/parity.js set at start (kept under Symbol.for('parity.v8Flags')). Setting up a worker
 * thread's heap sets V8's `--semi-space-growth-factor` back to its default for the whole process, which lets the
 * main thread's young generation grow again (bin/parity.js sets it to 1: docs/decisions/0281) and changes V8's flag
 * hash, so that the code cache bin/parity.js writes at the end of the run is refused by the next one (0321, 0341).
 * Call once the thread runs (its heap is set up). A process that set none (the library) has nothing to set.
 */
export function setCliV8FlagsAgain(): void {
  const flags: unknown = (globalThis as Record<symbol, unknown>)[Symbol.for('parity.v8Flags')];
  if (!Array.isArray(flags)) return;
  for (const each of flags as unknown[]) if (typeof each === 'string') setFlagsFromString(each);
}
