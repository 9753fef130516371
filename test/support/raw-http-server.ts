import net from 'node:net';

/**
 * A loopback server that writes exact bytes, for testing an HTTP/1.1 client's framing and connection rules:
 * `answer` gets each request (head and body, the body read by its content-length) with its connection's number
 * (1, 2, …), and writes what it likes on the socket.
 */
export interface RawHttpServer {
  readonly port: number;
  /** http://127.0.0.1:<port>/v1 */
  readonly url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Connections the server saw closed. */
  closed(): number;
  close(): Promise<void>;
}

export function rawHttpServer(
  answer: (socket: net.Socket, request: string, connection: number) => void,
): Promise<RawHttpServer> {
  let connections = 0;
  let closed = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    const connection = connections;
    sockets.add(socket);
    socket.on('close', () => {
      closed += 1;
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    let pending = '';
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      pending += text;
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd === -1) return;
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0);
        if (pending.length < headEnd + 4 + length) return;
        const request = pending.slice(0, headEnd + 4 + length);
        pending = pending.slice(headEnd + 4 + length);
        answer(socket, request, connection);
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/v1`,
        connections: () => connections,
        closed: () => closed,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}

/** Waits (up to a second) until `check()` holds, e.g. until the server saw a connection close. */
export async function waitFor(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
