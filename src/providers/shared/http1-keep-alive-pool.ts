import net from 'node:net';
import type { ResponseHeaders } from './http1-response-headers.ts';
import { Http1ResponseParser } from './http1-response-parser.ts';

/**
 * What one exchange reports, in order: `head` once, `body` pieces, then `complete`; or `fail` at any point
 * (`afterHead` says whether `head` came). Nothing is reported after `complete`, `fail` or `abort`.
 */
export interface ExchangeEvents {
  head(status: number, headers: ResponseHeaders): void;
  /** A piece of the body: a view of a read buffer that is used again, valid only during the call. */
  body(bytes: Buffer): void;
  complete(): void;
  fail(error: Error, afterHead: boolean): void;
}

/** One request on its way; `abort` destroys its connection (nothing is reported after it). */
export interface Exchange {
  abort(): void;
  /** Stops reading the socket until `resume` (the consumer is behind). */
  pause(): void;
  resume(): void;
}

/**
 * How long an idle connection is kept, in sweeps of `sweepMs`: closed after 3–4 s unused, before common servers
 * close theirs (node's and uvicorn's keep-alive timeout is 5 s), so that a request rarely meets a closing one.
 */
const sweepMs = 1000;
const idleSweeps = 4;

/** An error with node's `code`, as node:http reports a connection that ends early. */
function resetError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/**
 * Where every connection's reads land: a read is handled (parsed, its events decoded) before the next one, so
 * one buffer serves all; nothing keeps a view of it past the read (docs/decisions/0310).
 */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

class Connection {
  readonly parser: Http1ResponseParser;
  events: ExchangeEvents | undefined;
  /** The sweep count when the connection became idle. */
  idleSince = 0;
  private error: Error | undefined;

  readonly socket: net.Socket;

  constructor(
    host: string,
    port: number,
    private readonly pool: OriginPool,
  ) {
    const socket = net.connect({
      host,
      port,
      // Reads land in one shared buffer instead of a new one each (what the parser keeps, it copies).
      onread: {
        buffer: readBuffer,
        callback: (length: number, buffer: Uint8Array): boolean => {
          this.read((buffer as Buffer).subarray(0, length));
          // Pausing is the connection's own business (Exchange.pause); false here would pause too.
          return true;
        },
      },
    });
    this.socket = socket;
    this.parser = new Http1ResponseParser({
      head: (status, headers) => this.events?.head(status, headers),
      body: (bytes) => this.events?.body(bytes),
      complete: (reusable) => {
        const events = this.events;
        this.events = undefined;
        if (reusable && !socket.destroyed) this.pool.release(this);
        else socket.destroy();
        events?.complete();
      },
    });
    socket.setNoDelay(true);
    socket.on('error', (error) => (this.error ??= error));
    socket.on('close', () => this.closed());
  }

  send(request: string | Buffer, events: ExchangeEvents): void {
    this.events = events;
    this.parser.reset();
    this.socket.write(request);
  }

  /** Gives the current exchange up: the connection cannot be reused. */
  abandon(events: ExchangeEvents): void {
    if (this.events !== events) return;
    this.events = undefined;
    this.parser.stop();
    this.socket.destroy();
  }

  private read(bytes: Buffer): void {
    if (this.events === undefined) {
      // Bytes from the server while no request is out: nothing to make of them, and no way to reuse.
      this.socket.destroy();
      return;
    }
    try {
      this.parser.push(bytes);
    } catch (error) {
      this.failWith(error as Error);
    }
  }

  private failWith(error: Error): void {
    const events = this.events;
    this.events = undefined;
    this.parser.stop();
    this.socket.destroy();
    events?.fail(error, this.parser.sawHead);
  }

  private closed(): void {
    this.pool.forget(this);
    if (this.events === undefined) return;
    if (this.error === undefined && this.parser.close()) return;
    // As node:http says it: a connection that fails before the response head fails with its own error
    // ("socket hang up" when it just ended), one that fails during the body with "aborted".
    if (this.parser.sawHead) this.failWith(resetError('aborted'));
    else this.failWith(this.error ?? resetError('socket hang up'));
  }
}

/** The connections to one host and port: any number open, idle ones reused most recent first. */
class OriginPool {
  private readonly idle: Connection[] = [];
  private sweeps = 0;
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(request: string | Buffer, events: ExchangeEvents): Connection {
    let connection = this.idle.pop();
    if (connection === undefined) {
      connection = new Connection(this.host, this.port, this);
    } else {
      connection.socket.ref();
    }
    connection.send(request, events);
    return connection;
  }

  release(connection: Connection): void {
    connection.idleSince = this.sweeps;
    connection.socket.unref();
    if (connection.socket.isPaused()) connection.socket.resume();
    this.idle.push(connection);
    this.sweeper ??= setInterval(() => this.sweep(), sweepMs).unref();
  }

  forget(connection: Connection): void {
    const index = this.idle.indexOf(connection);
    if (index !== -1) this.idle.splice(index, 1);
  }

  private sweep(): void {
    this.sweeps += 1;
    // Oldest first: the list is in the order the connections became idle.
    while (this.idle.length > 0 && this.sweeps - (this.idle[0] as Connection).idleSince >= idleSweeps) {
      (this.idle.shift() as Connection).socket.destroy();
    }
    if (this.idle.length === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}

const pools = new Map<string, OriginPool>();

/**
 * Sends one HTTP/1.1 request (its complete text: head and body) to `host:port` over a kept-alive plain TCP
 * connection (node:net), and reports its response to `events`. Connections are shared per origin by all
 * callers of the process, any number at a time (as node:http's agent with `maxSockets: Infinity`); one is
 * reused only after a response read to its end that allowed it, and closed after 3–4 idle seconds; idle
 * connections do not keep the process alive.
 */
export function sendHttp1Request(
  origin: { host: string; port: number },
  request: string | Buffer,
  events: ExchangeEvents,
): Exchange {
  const key = `${origin.host}:${origin.port}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new OriginPool(origin.host, origin.port);
    pools.set(key, pool);
  }
  const connection = pool.send(request, events);
  return {
    abort: () => connection.abandon(events),
    pause: () => {
      if (connection.events === events) connection.socket.pause();
    },
    resume: () => {
      if (connection.events === events) connection.socket.resume();
    },
  };
}
