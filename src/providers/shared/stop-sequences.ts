/** The stop strings a server is sent, and the ones applied on our side because the server takes fewer. */
export interface StopSplit {
  /** Sent to the server (at most `serverLimit`); undefined when there are none. */
  readonly server: string[] | undefined;
  /** Every non-empty stop string: the text is cut at the earliest of them on our side too. */
  readonly client: readonly string[];
}

/**
 * Splits stop strings between the server and the client. The first `serverLimit` go to the server (OpenAI
 * takes at most 4, Gemini 5); all of them are also applied client-side, which is a no-op for those the server
 * already honoured and keeps the contract ("the text ends before any stop string") for the rest.
 */
export function splitStopSequences(
  stop: readonly string[] | undefined,
  options: { serverLimit: number },
): StopSplit {
  const client = (stop ?? []).filter((marker) => marker !== '');
  const server = client.slice(0, options.serverLimit);
  return { server: server.length > 0 ? server : undefined, client };
}

/** The stop strings applied on our side (`splitStopSequences(…).client`): the request's own array when none is empty. */
export function clientStopSequences(stop: readonly string[] | undefined): readonly string[] {
  if (stop === undefined) return noStops;
  return stop.includes('') ? stop.filter((marker) => marker !== '') : stop;
}

const noStops: readonly string[] = [];

/** Position of the earliest occurrence of any stop string in `text`, or -1 when there is none. */
export function earliestStopIndex(text: string, stop: readonly string[], fromIndex = 0): number {
  let earliest = -1;
  for (const marker of stop) {
    const position = text.indexOf(marker, fromIndex);
    if (position !== -1 && (earliest === -1 || position < earliest)) earliest = position;
  }
  return earliest;
}

/** Length of the longest suffix of `text` that is a proper prefix of some stop string. */
function heldBackLength(text: string, stop: readonly string[]): number {
  let held = 0;
  for (const marker of stop) {
    for (let length = Math.min(marker.length - 1, text.length); length > held; length--) {
      if (endsWithPrefix(text, marker, length)) {
        held = length;
        break;
      }
    }
  }
  return held;
}

/** `text.endsWith(marker.slice(0, length))` without the slice. */
function endsWithPrefix(text: string, marker: string, length: number): boolean {
  const offset = text.length - length;
  for (let index = 0; index < length; index += 1) {
    if (text.charCodeAt(offset + index) !== marker.charCodeAt(index)) return false;
  }
  return true;
}

/**
 * Cuts streamed text at the first stop string, even one split across chunks. Text that could be the start of a
 * stop string is held back until the next chunk (or `flush`) settles it, so no emitted delta ever holds part of
 * a stop string. Only the held-back text is kept and searched: no stop string can start inside text already
 * emitted (a possible start is always held back), so a long answer is not scanned again from its start.
 */
export class StopScanner {
  /** Text not emitted yet: the possible start of a stop string. */
  private pending = '';
  private stopped = false;

  constructor(private readonly stop: readonly string[]) {}

  get hasStopped(): boolean {
    return this.stopped;
  }

  /** Adds a chunk; returns the text that can be emitted now ('' once a stop string was seen: see hasStopped). */
  scan(chunk: string): string {
    if (this.stopped) return '';
    const text = this.pending === '' ? chunk : this.pending + chunk;
    const position = earliestStopIndex(text, this.stop);
    if (position !== -1) {
      this.stopped = true;
      this.pending = '';
      return text.slice(0, position);
    }
    const held = heldBackLength(text, this.stop);
    if (held === 0) {
      this.pending = '';
      return text;
    }
    this.pending = text.slice(text.length - held);
    return text.slice(0, text.length - held);
  }

  /** Adds a chunk; returns the text that can be emitted now and whether a stop string was seen. */
  push(chunk: string): { delta: string; stopped: boolean } {
    const delta = this.scan(chunk);
    return { delta, stopped: this.stopped };
  }

  /** The held-back rest, once the stream has ended. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }
}
