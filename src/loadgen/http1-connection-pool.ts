import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** What the pool tells the caller about one exchange. Body text is latin1-decoded (one char per byte). */
export interface ExchangeHandler {
  /** The request was written to a connected socket at this moment (the send time). */
  onSent(sentMs: number): void;
  onHead(statusCode: number): void;
  /** A piece of the (de-chunked) body and the time its socket read arrived. */
  onBody(text: string, arrivalMs: number): void;
  onEnd(): void;
  onError(error: Error): void;
}

export interface Http1ConnectionPool {
  /** Sends `request` (complete HTTP/1.1 request text, latin1) on a free keep-alive connection, or queues it. */
  exchange(request: string, handler: ExchangeHandler): { cancel(reason: Error): void };
  /** Opens idle connections until `count` are open (at most `maxSockets`); resolves when they are connected. */
  preconnect(count: number): Promise<void>;
  close(): void;
}

interface Connection {
  readonly socket: Socket;
  handler: ExchangeHandler | undefined;
  buffer: string;
  state: 'head' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'length' | 'until-close';
  remaining: number;
  keepAlive: boolean;
}

/**
 * A minimal HTTP/1.1 client for the load generator: persistent connections (at most `maxSockets`), one request
 * per connection at a time, the request written in one call, and a response parser that handles
 * Content-Length, chunked and read-until-close bodies. It exists because node:http's per-request machinery
 * costs several times what the load generator itself needs (docs/decisions/0050).
 */
export function createHttp1ConnectionPool(options: {
  url: URL;
  maxSockets: number;
  now: () => number;
}): Http1ConnectionPool {
  const { url, now } = options;
  const secure = url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const idle: Connection[] = [];
  const waiting: { request: string; handler: ExchangeHandler }[] = [];
  const connections = new Set<Connection>();
  let closed = false;

  const release = (connection: Connection): void => {
    connection.handler = undefined;
    if (!connection.keepAlive || closed) {
      connection.socket.destroy();
      return;
    }
    const next = waiting.shift();
    if (next) send(connection, next.request, next.handler);
    else idle.push(connection);
  };

  const fail = (connection: Connection, error: Error): void => {
    const handler = connection.handler;
    connection.handler = undefined;
    connection.keepAlive = false;
    connection.socket.destroy();
    handler?.onError(error);
  };

  const finishBody = (connection: Connection): void => {
    const handler = connection.handler;
    release(connection);
    handler?.onEnd();
  };

  const parse = (connection: Connection, arrivalMs: number): void => {
    for (;;) {
      const handler = connection.handler;
      if (!handler) return;
      const buffer = connection.buffer;
      if (connection.state === 'head') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const lines = buffer.slice(0, end).split('\r\n');
        const statusCode = Number((lines[0] ?? '').split(' ')[1]);
        let chunked = false;
        let length: number | undefined;
        connection.keepAlive = !/^HTTP\/1\.0/.test(lines[0] ?? '');
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          const name = line.slice(0, colon).trim().toLowerCase();
          const value = line
            .slice(colon + 1)
            .trim()
            .toLowerCase();
          if (name === 'transfer-encoding') chunked = value.includes('chunked');
          else if (name === 'content-length') length = Number(value);
          else if (name === 'connection') connection.keepAlive = value !== 'close';
        }
        connection.buffer = buffer.slice(end + 4);
        handler.onHead(statusCode);
        if (chunked) connection.state = 'chunk-size';
        else if (length !== undefined) {
          connection.state = 'length';
          connection.remaining = length;
        } else {
          connection.state = 'until-close';
          connection.keepAlive = false;
        }
        continue;
      }
      if (connection.state === 'length' || connection.state === 'chunk-data') {
        if (buffer.length > 0 && connection.remaining > 0) {
          const piece =
            buffer.length <= connection.remaining ? buffer : buffer.slice(0, connection.remaining);
          connection.remaining -= piece.length;
          connection.buffer = buffer.slice(piece.length);
          handler.onBody(piece, arrivalMs);
        }
        if (connection.remaining > 0) return;
        if (connection.state === 'length') {
          finishBody(connection);
          return;
        }
        connection.state = 'chunk-end';
        continue;
      }
      if (connection.state === 'until-close') {
        if (buffer.length > 0) handler.onBody(buffer, arrivalMs);
        connection.buffer = '';
        return;
      }
      // chunk-size, chunk-end and trailer states read whole lines.
      const lineEnd = buffer.indexOf('\r\n');
      if (lineEnd === -1) return;
      const line = buffer.slice(0, lineEnd);
      connection.buffer = buffer.slice(lineEnd + 2);
      if (connection.state === 'chunk-end') {
        connection.state = 'chunk-size';
      } else if (connection.state === 'chunk-size') {
        const size = parseInt(line, 16);
        if (!Number.isFinite(size)) {
          fail(connection, new Error(`bad chunk size '${line.slice(0, 20)}'`));
          return;
        }
        connection.state = size === 0 ? 'trailer' : 'chunk-data';
        connection.remaining = size;
      } else if (line === '') {
        finishBody(connection);
        return;
      }
    }
  };

  const send = (connection: Connection, request: string, handler: ExchangeHandler): void => {
    connection.handler = handler;
    connection.state = 'head';
    connection.buffer = '';
    handler.onSent(now());
    connection.socket.write(request, 'latin1');
  };

  const openConnection = (request: string | undefined, handler: ExchangeHandler | undefined): Connection => {
    const socket = secure
      ? tlsConnect({ host: url.hostname, port, servername: url.hostname })
      : netConnect({ host: url.hostname, port });
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    const connection: Connection = {
      socket,
      handler,
      buffer: '',
      state: 'head',
      remaining: 0,
      keepAlive: true,
    };
    connections.add(connection);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      if (connection.handler && request !== undefined) send(connection, request, connection.handler);
      else release(connection);
    });
    socket.on('data', (text: string) => {
      const arrivalMs = now();
      connection.buffer += text;
      parse(connection, arrivalMs);
    });
    socket.on('error', (error) => fail(connection, error));
    socket.on('close', () => {
      connections.delete(connection);
      const at = idle.indexOf(connection);
      if (at !== -1) idle.splice(at, 1);
      if (connection.handler && connection.state === 'until-close') finishBody(connection);
      else if (connection.handler) fail(connection, new Error('connection closed mid-response'));
      // A freed slot lets a queued request open a connection.
      const next = waiting.shift();
      if (next && !closed) openConnection(next.request, next.handler);
    });
    return connection;
  };

  return {
    exchange(request, handler) {
      const entry = { request, handler };
      const connection = idle.pop();
      if (connection) send(connection, request, handler);
      else if (connections.size < options.maxSockets) openConnection(request, handler);
      else waiting.push(entry);
      return {
        cancel: (reason) => {
          const queued = waiting.indexOf(entry);
          if (queued !== -1) {
            waiting.splice(queued, 1);
            handler.onError(reason);
            return;
          }
          for (const active of connections) if (active.handler === handler) fail(active, reason);
        },
      };
    },
    async preconnect(count) {
      const opening: Promise<void>[] = [];
      while (connections.size < Math.min(count, options.maxSockets) && !closed) {
        const connection = openConnection(undefined, undefined);
        opening.push(
          new Promise<void>((resolve) => {
            connection.socket.once(secure ? 'secureConnect' : 'connect', () => resolve());
            connection.socket.once('close', () => resolve());
          }),
        );
      }
      await Promise.all(opening);
    },
    close() {
      closed = true;
      idle.length = 0;
      for (const connection of connections) connection.socket.destroy();
      for (const queued of waiting.splice(0)) queued.handler.onError(new Error('client closed'));
    },
  };
}
