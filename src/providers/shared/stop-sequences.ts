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
      if (text.endsWith(marker.slice(0, length))) {
        held = length;
        break;
      }
    }
  }
  return held;
}

/**
 * Accumulates streamed text and cuts it at the first stop string, even one split across chunks. Text that
 * could be the start of a stop string is held back until the next chunk (or `flush`) settles it, so no
 * emitted delta ever holds part of a stop string.
 */
export class StopScanner {
  private text = '';
  private emitted = 0;
  private stopped = false;

  constructor(private readonly stop: readonly string[]) {}

  get hasStopped(): boolean {
    return this.stopped;
  }

  /** The text so far (held-back characters included), without the stop string and anything after it. */
  get value(): string {
    return this.text;
  }

  /** Adds a chunk; returns the text that can be emitted now and whether a stop string was seen. */
  push(chunk: string): { delta: string; stopped: boolean } {
    if (this.stopped) return { delta: '', stopped: true };
    this.text += chunk;
    // No stop string can start inside text already emitted (a possible start is always held back).
    const position = earliestStopIndex(this.text, this.stop, this.emitted);
    if (position !== -1) {
      this.stopped = true;
      this.text = this.text.slice(0, position);
      return { delta: this.take(this.text.length), stopped: true };
    }
    return { delta: this.take(this.text.length - heldBackLength(this.text, this.stop)), stopped: false };
  }

  /** The held-back rest, once the stream has ended. */
  flush(): string {
    return this.take(this.text.length);
  }

  private take(end: number): string {
    if (end <= this.emitted) return '';
    const delta = this.text.slice(this.emitted, end);
    this.emitted = end;
    return delta;
  }
}
