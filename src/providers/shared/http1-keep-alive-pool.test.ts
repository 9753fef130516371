import { spawn } from 'node:child_process';
import type net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  rawHttpServer as rawServer,
  type RawHttpServer,
  waitFor,
} from '../../../test/support/raw-http-server.ts';
import { sendHttp1Request, type Exchange } from './http1-keep-alive-pool.ts';
import type { ResponseHeaders } from './http1-response-headers.ts';

interface Outcome {
  status?: number;
  headers?: ResponseHeaders;
  body: string;
  completed: boolean;
  error?: Error;
  afterHead?: boolean;
}

function exchange(
  port: number,
  body = 'hello',
): { done: Promise<Outcome>; handle: Exchange; outcome: Outcome } {
  const outcome: Outcome = { body: '', completed: false };
  let settle: (outcome: Outcome) => void = () => undefined;
  const done = new Promise<Outcome>((resolve) => (settle = resolve));
  const request = `POST /v1/x HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
  const handle = sendHttp1Request({ host: '127.0.0.1', port }, request, {
    head: (status, headers) => {
      outcome.status = status;
      outcome.headers = headers;
    },
    body: (bytes) => (outcome.body += bytes.toString('utf8')),
    complete: () => {
      outcome.completed = true;
      settle(outcome);
    },
    fail: (error, afterHead) => {
      outcome.error = error;
      outcome.afterHead = afterHead;
      settle(outcome);
    },
  });
  return { done, handle, outcome };
}

let server: RawHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('parity’s keep-alive HTTP/1.1 client: body framing', () => {
  it('reads a content-length body, even when the bytes arrive one at a time', async () => {
    const response = 'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Id: 7\r\n\r\nhello world';
    server = await rawServer((socket) => {
      const bytes = Buffer.from(response);
      let index = 0;
      const next = (): void => {
        if (index >= bytes.length) return;
        socket.write(bytes.subarray(index, index + 1));
        index += 1;
        setImmediate(next);
      };
      next();
    });
    const outcome = await exchange(server.port).done;
    expect(outcome).toMatchObject({ status: 200, body: 'hello world', completed: true });
    expect(outcome.headers?.get('x-id')).toBe('7');
  });

  it('de-chunks a chunked body with chunk extensions and trailers, split inside the framing', async () => {
    server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhel');
      setTimeout(() => socket.write('lo\r'), 5);
      setTimeout(() => socket.write('\n9\r\n world!!!\r\n0\r\nX-Trailer: 1\r'), 10);
      setTimeout(() => socket.write('\n\r\n'), 15);
    });
    const outcome = await exchange(server.port).done;
    expect(outcome).toMatchObject({ status: 200, body: 'hello world!!!', completed: true });
  });

  it('reads a body without length until the connection ends, and never reuses that connection', async () => {
    server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil ');
      setTimeout(() => socket.end('close'), 5);
    });
    expect(await exchange(server.port).done).toMatchObject({ body: 'until close', completed: true });
    expect(await exchange(server.port).done).toMatchObject({ body: 'until close', completed: true });
    expect(server.connections()).toBe(2);
  });

  it('skips interim 1xx responses and takes a 204 without a body', async () => {
    server = await rawServer((socket, request) => {
      if (request.includes('first')) {
        socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n');
        socket.write('HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok');
      } else {
        socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      }
    });
    expect(await exchange(server.port, 'first').done).toMatchObject({
      status: 201,
      body: 'ok',
      completed: true,
    });
    expect(await exchange(server.port, 'second').done).toMatchObject({
      status: 204,
      body: '',
      completed: true,
    });
    expect(server.connections()).toBe(1);
  });

  it('reads repeated header fields as node:http does: joined, or the first one only', async () => {
    server = await rawServer((socket) =>
      socket.write(
        'HTTP/1.1 200 OK\r\nX-Many: a\r\nx-many: b\r\nRetry-After: 3\r\nretry-after: 9\r\n' +
          'Set-Cookie: s=1\r\nSet-Cookie: t=2\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    const outcome = await exchange(server.port).done;
    expect(outcome.headers?.get('X-MANY')).toBe('a, b');
    expect(outcome.headers?.get('retry-after')).toBe('3');
    expect(outcome.headers?.get('set-cookie')).toBe('s=1, t=2');
    expect(outcome.headers?.get('absent')).toBeNull();
    expect([...(outcome.headers?.toHeaders().keys() ?? [])]).toContain('x-many');
  });

  it('fails with a clear error when the response head outgrows 16 KiB, and drops the connection', async () => {
    server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nX-Big: ${'x'.repeat(20_000)}`);
    });
    const outcome = await exchange(server.port).done;
    expect(outcome.error?.message).toBe('response head larger than 16384 bytes');
    expect(outcome.afterHead).toBe(false);
    await waitFor(() => server?.closed() === 1);
    expect(server.closed()).toBe(1);
  });

  it('fails on a malformed chunk size after the head, and on a status line that is not HTTP/1.x', async () => {
    server = await rawServer((socket, request) => {
      if (request.includes('first')) {
        socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
      } else {
        socket.write('SSH-2.0-OpenSSH\r\n\r\n');
      }
    });
    const first = await exchange(server.port, 'first').done;
    expect(first.error?.message).toMatch(/malformed chunk size "zz"/);
    expect(first.afterHead).toBe(true);
    const second = await exchange(server.port, 'second').done;
    expect(second.error?.message).toMatch(/malformed status line/);
  });
});

describe('parity’s keep-alive HTTP/1.1 client: connection reuse', () => {
  it('reuses one connection for requests one after another', async () => {
    server = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    for (let call = 0; call < 4; call += 1) {
      expect(await exchange(server.port).done).toMatchObject({ body: 'ok', completed: true });
    }
    expect(server.connections()).toBe(1);
  });

  it('opens one connection per request in flight, with no limit', async () => {
    const waiting: net.Socket[] = [];
    server = await rawServer((socket) => {
      waiting.push(socket);
      if (waiting.length === 6) {
        for (const each of waiting) each.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n!');
      }
    });
    const port = server.port;
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => exchange(port).done));
    expect(outcomes.every((outcome) => outcome.body === '!')).toBe(true);
    expect(server.connections()).toBe(6);
  });

  it('does not reuse a connection after `connection: close`, nor after HTTP/1.0 without keep-alive', async () => {
    server = await rawServer((socket, request) => {
      if (request.includes('close'))
        socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n1');
      else if (request.includes('old')) socket.write('HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\n2');
      else socket.write('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n3');
    });
    await exchange(server.port, 'close').done;
    await exchange(server.port, 'old').done;
    expect(server.connections()).toBe(2);
    await exchange(server.port, 'kept').done;
    await exchange(server.port, 'kept').done;
    expect(server.connections()).toBe(3);
  });

  it('does not reuse a connection that sent bytes past the end of its response', async () => {
    server = await rawServer((socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1garbage'),
    );
    await exchange(server.port).done;
    await exchange(server.port).done;
    expect(server.connections()).toBe(2);
  });

  it('reports a reset on a reused connection as a failure before the head ("socket hang up" or the reset)', async () => {
    server = await rawServer((socket, _request, connection) => {
      if (connection === 1 && socket.bytesWritten === 0) {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1');
      } else {
        socket.resetAndDestroy();
      }
    });
    expect(await exchange(server.port).done).toMatchObject({ completed: true });
    const failed = await exchange(server.port).done;
    expect(failed.completed).toBe(false);
    expect(failed.afterHead).toBe(false);
    expect((failed.error as NodeJS.ErrnoException).code).toBe('ECONNRESET');
  });

  it('fails with "aborted" when the connection ends part-way through a body', async () => {
    server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      setTimeout(() => socket.destroy(), 5);
    });
    const outcome = await exchange(server.port).done;
    expect(outcome).toMatchObject({ body: 'abc', completed: false, afterHead: true });
    expect(outcome.error?.message).toBe('aborted');
  });

  it('destroys the connection of an exchange aborted mid-body and opens a new one for the next request', async () => {
    server = await rawServer((socket, request) => {
      if (request.includes('slow'))
        socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n');
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const slow = exchange(server.port, 'slow');
    await waitFor(() => slow.outcome.body === 'abc');
    slow.handle.abort();
    await waitFor(() => server?.closed() === 1);
    expect(server.closed()).toBe(1);
    expect(slow.outcome.completed).toBe(false);
    expect(slow.outcome.error).toBeUndefined();
    expect(await exchange(server.port, 'next').done).toMatchObject({ body: 'ok', completed: true });
    expect(server.connections()).toBe(2);
  });

  it('forgets an idle connection the server closed, and connects anew without an error', async () => {
    server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      setTimeout(() => socket.end(), 5);
    });
    await exchange(server.port).done;
    await waitFor(() => server?.closed() === 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await exchange(server.port).done).toMatchObject({ body: 'ok', completed: true });
    expect(server.connections()).toBe(2);
  });

  it('on a connection the server ends right after its response, the next request fails as a reset at worst, never hangs', async () => {
    // As with node:http's agent: a request sent before the server's FIN arrived meets the closing connection
    // (a retryable "socket hang up"); once the FIN was read, a new connection is used.
    server = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const waits: (() => Promise<unknown>)[] = [
      () => Promise.resolve(),
      () => new Promise((resolve) => setImmediate(resolve)),
      () => new Promise((resolve) => setTimeout(resolve, 0)),
      () => new Promise((resolve) => setTimeout(resolve, 10)),
    ];
    const outcomes: string[] = [];
    for (const wait of waits) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await exchange(server.port).done).toMatchObject({ body: 'ok', completed: true });
      await wait();
      const next = await exchange(server.port).done;
      outcomes.push(
        next.completed
          ? next.body
          : `${String((next.error as NodeJS.ErrnoException).code)} ${next.afterHead}`,
      );
    }
    for (const outcome of outcomes) expect(['ok', 'ECONNRESET false', 'EPIPE false']).toContain(outcome);
    expect(outcomes.at(-1)).toBe('ok');
  });

  it('holds back reading while paused, and reads on after resume', async () => {
    server = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n');
      setTimeout(() => socket.write('1\r\nb\r\n0\r\n\r\n'), 20);
    });
    const call = exchange(server.port);
    await waitFor(() => call.outcome.body === 'a');
    call.handle.pause();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(call.outcome.body).toBe('a');
    call.handle.resume();
    expect(await call.done).toMatchObject({ body: 'ab', completed: true });
  });
});

describe('parity’s keep-alive HTTP/1.1 client: idle connections', () => {
  it('closes a connection left idle for 3–4 s', { timeout: 15_000 }, async () => {
    server = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    await exchange(server.port).done;
    const idleFrom = performance.now();
    for (let waited = 0; waited < 8000 && server.closed() === 0; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const idleMs = performance.now() - idleFrom;
    expect(server.closed()).toBe(1);
    expect(idleMs).toBeGreaterThan(2900);
    expect(idleMs).toBeLessThan(5500);
  });

  it('does not keep the process alive while a connection is idle', { timeout: 20_000 }, async () => {
    server = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const pool = fileURLToPath(new URL('./http1-keep-alive-pool.ts', import.meta.url));
    const script =
      `const { sendHttp1Request } = await import(${JSON.stringify(pool)});` +
      `sendHttp1Request({ host: '127.0.0.1', port: ${server.port} }, 'GET / HTTP/1.1\\r\\nhost: x\\r\\n\\r\\n', {` +
      `head() {}, body() {}, fail(error) { console.log('fail', error.message); }, complete() { console.log('complete'); } });`;
    // From the response to the exit: an idle connection held open would keep the child 3–4 s more.
    const { output, afterResponseMs } = await new Promise<{ output: string; afterResponseMs: number }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
        let output = '';
        let respondedAt = Number.NaN;
        const killer = setTimeout(() => child.kill(), 15_000);
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (text: string) => {
          output += text;
          if (output.includes('complete')) respondedAt = performance.now();
        });
        child.on('error', reject);
        child.on('exit', () => {
          clearTimeout(killer);
          resolve({ output, afterResponseMs: performance.now() - respondedAt });
        });
      },
    );
    expect(output.trim()).toBe('complete');
    expect(afterResponseMs).toBeLessThan(2500);
    expect(server.connections()).toBe(1);
  });
});
